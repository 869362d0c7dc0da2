package dev.ledgerloop.command.log;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.EventMetadata;
import java.io.IOException;
import java.util.UUID;

/** A stored record's clear metadata, read as the log's readers need it: parsed once, then asked for its space. */
final class ClearMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClearMetadata() {}

    /** The metadata as stored; null when there is none or it is not a JSON object. */
    static ObjectNode of(RecordedEvent record) {
        byte[] metadata = record.getUserMetadata();
        if (metadata == null || metadata.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(metadata) instanceof ObjectNode object ? object : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** The space the metadata names; null when it names none (the event is in no space's log). */
    static UUID spaceOf(JsonNode metadata) {
        JsonNode spaceId = metadata == null ? null : metadata.get("spaceId");
        if (spaceId == null || !spaceId.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(spaceId.textValue());
        } catch (IllegalArgumentException none) {
            return null;
        }
    }

    /** The space of a record of ours, read as its event metadata; null when that metadata does not read. */
    static String spaceOf(RecordedEvent record) {
        try {
            return EventMetadata.fromJson(record.getUserMetadata()).spaceId();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
