package dev.ledgerloop.command.log;

import dev.ledgerloop.events.log.CheckpointRecorded;
import dev.ledgerloop.events.log.LogAuditFailed;
import dev.ledgerloop.events.log.LogEvent;
import dev.ledgerloop.events.merkle.Checkpoints;
import dev.ledgerloop.events.merkle.NoteSigner;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.EventContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of a space's tree and records it as {@link CheckpointRecorded} on the stream {@code
 * log-<spaceId>}, straight through the storage engine (no aggregate decides anything: the note is the decision). The
 * event id is derived from space and size, and Ed25519 signatures are deterministic, so a repeat writes the same event.
 */
@Component
class CheckpointWriter {
    static final String COMPONENT = "verifiable-log";
    private static final String AGGREGATE_TYPE = "Log";

    private final EventStoreDbStorageEngine engine;
    private final NoteSigner signer;
    private final LogProperties properties;
    private final Clock clock;

    CheckpointWriter(EventStoreDbStorageEngine engine, NoteSigner signer, LogProperties properties, Clock clock) {
        this.engine = engine;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    String origin(UUID spaceId) {
        return properties.name() + "/spaces/" + spaceId;
    }

    /**
     * @return false when another writer recorded one at the same time (another instance): it becomes a leaf like ours
     */
    boolean record(UUID spaceId, long treeSize, byte[] root) {
        String note = signer.sign(Checkpoints.body(origin(spaceId), treeSize, root));
        CheckpointRecorded event =
                new CheckpointRecorded(spaceId, treeSize, Base64.getEncoder().encodeToString(root), note);
        return append(spaceId, event, "checkpoint/" + spaceId + "/" + treeSize);
    }

    /** Records what the log's continuous verification found; once per failure (the id is derived from it). */
    boolean recordAuditFailure(LogAuditFailed failure) {
        return append(
                failure.spaceId(),
                failure,
                "audit/" + failure.spaceId() + "/" + failure.check() + "/" + failure.eventId() + "/"
                        + failure.treeSize());
    }

    private boolean append(UUID spaceId, LogEvent event, String name) {
        long sequence = engine.lastSequenceNumberFor(AGGREGATE_TYPE, spaceId.toString())
                .map(last -> last + 1)
                .orElse(0L);
        String eventId =
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        try {
            engine.appendEvents(List.of(new GenericDomainEventMessage<>(
                    AGGREGATE_TYPE,
                    spaceId.toString(),
                    sequence,
                    event,
                    EventContext.system(spaceId, COMPONENT),
                    eventId,
                    clock.instant())));
            return true;
        } catch (ConcurrencyException e) {
            return false;
        }
    }
}
