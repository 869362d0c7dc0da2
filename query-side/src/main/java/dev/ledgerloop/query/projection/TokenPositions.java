package dev.ledgerloop.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The processors' positions as Axon's Mongo token store keeps them, for the processors of both backends (the
 * collection is shared). Read directly: the token store's own fetch claims the segment it reads.
 */
final class TokenPositions {
    static final String COLLECTION = "trackingtokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoCollection<Document> tokens;

    TokenPositions(MongoDatabase database) {
        this.tokens = database.getCollection(COLLECTION);
    }

    /** One processor's segments: where each is, and whether an instance holds a claim on any. */
    record Segments(List<EventStoreDbPositionToken> positions, boolean claimed) {
        /** What every segment has handled. */
        EventStoreDbPositionToken lowest() {
            return positions.stream().min(EventStoreDbPositionToken::compareTo).orElse(EventStoreDbPositionToken.TAIL);
        }

        /** What some segment has handled. */
        EventStoreDbPositionToken highest() {
            return positions.stream().max(EventStoreDbPositionToken::compareTo).orElse(EventStoreDbPositionToken.TAIL);
        }
    }

    Map<String, Segments> all() {
        Map<String, List<Document>> byProcessor = new TreeMap<>();
        tokens.find().forEach(document -> byProcessor
                .computeIfAbsent(document.getString("processorName"), name -> new ArrayList<>())
                .add(document));
        Map<String, Segments> segments = new TreeMap<>();
        byProcessor.forEach((processor, documents) -> segments.put(processor, segmentsOf(documents)));
        return segments;
    }

    Segments of(String processor) {
        List<Document> documents = new ArrayList<>();
        tokens.find(new Document("processorName", processor)).into(documents);
        return segmentsOf(documents);
    }

    private static Segments segmentsOf(List<Document> documents) {
        List<EventStoreDbPositionToken> positions = new ArrayList<>();
        boolean claimed = false;
        for (Document document : documents) {
            positions.add(position(document.get("token")));
            claimed |= document.get("owner") != null;
        }
        return new Segments(positions, claimed);
    }

    /** A token as the Jackson serializer wrote it; a replay token counts at its current position. */
    private static EventStoreDbPositionToken position(Object stored) {
        if (stored == null) {
            return EventStoreDbPositionToken.TAIL;
        }
        String json = stored instanceof Binary binary
                ? new String(binary.getData(), StandardCharsets.UTF_8)
                : stored instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : stored.toString();
        try {
            JsonNode token = JSON.readTree(json);
            JsonNode current = token.has("currentToken") ? token.get("currentToken") : token;
            if (current == null || current.isNull() || !current.has("commitPosition")) {
                return EventStoreDbPositionToken.TAIL;
            }
            return new EventStoreDbPositionToken(
                    current.get("commitPosition").asLong(),
                    current.get("preparePosition").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable tracking token", e);
        }
    }
}
