package dev.ledgerloop.command.shredding;

import com.eventstore.dbclient.RecordedEvent;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.command.session.SessionRepositoryConfiguration;
import dev.ledgerloop.events.AggregateType;
import dev.ledgerloop.events.EventMetadata;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.events.shredding.SessionShredded;
import dev.ledgerloop.events.shredding.ShreddingEvent;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.attachment.AttachmentStore;
import dev.ledgerloop.service.events.EncryptedEventRecordCodec;
import dev.ledgerloop.service.events.EventContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Crypto-shreds a session in an order that a crash anywhere leaves safe and completable (docs/architecture.md
 * §Crypto-shredding): an intent in MongoDB, {@link SessionShredRequested} on {@code shredding-<sessionId>} (from then on
 * the session counts as erased: the keyring refuses its key), the data key tombstoned, the attachment bytes deleted,
 * the caches dropped, then {@link SessionShredded}, and the intent marked done. Every step is idempotent; {@link
 * #complete} finishes a shred from wherever it stopped, and {@link ShreddingRecovery} calls it for every unfinished one.
 */
@Component
class SessionShredding {
    private static final Logger log = LoggerFactory.getLogger(SessionShredding.class);
    static final String COMPONENT = "shredding";
    static final String AGGREGATE_TYPE = "Shredding";
    static final String INTENTS = "shredding_intents";

    private final EventStoreDbStorageEngine engine;
    private final Keyring keyring;
    private final EncryptedEventRecordCodec codec;
    private final AttachmentStore attachments;
    private final Cache sessions;
    private final MongoCollection<Document> intents;
    private final ShreddingProperties properties;
    private final Clock clock;

    SessionShredding(
            EventStoreDbStorageEngine engine,
            Keyring keyring,
            EncryptedEventRecordCodec codec,
            AttachmentStore attachments,
            @Qualifier(SessionRepositoryConfiguration.CACHE) Cache sessions,
            MongoDatabase database,
            ShreddingProperties properties,
            Clock clock) {
        this.engine = engine;
        this.keyring = keyring;
        this.codec = codec;
        this.attachments = attachments;
        this.sessions = sessions;
        this.intents = database.getCollection(INTENTS);
        this.properties = properties;
        this.clock = clock;
    }

    /** @return true when the shred is complete, false when a test stopped it after the request */
    boolean shred(UUID spaceId, UUID sessionId, MetaData requester) {
        EventMetadata opening = openingOf(spaceId, sessionId);
        if (engine.lastSequenceNumberFor(AGGREGATE_TYPE, sessionId.toString()).isPresent()) {
            throw new ApiException(ErrorCode.CONFLICT, "The session " + sessionId + " is already shredded");
        }
        // Set on insert only: a racing second request must not mark a finished shred unfinished.
        intents.updateOne(
                Filters.eq("_id", sessionId.toString()),
                Updates.combine(
                        Updates.setOnInsert("spaceId", spaceId.toString()),
                        Updates.setOnInsert("done", false),
                        Updates.setOnInsert("requestedAt", Date.from(clock.instant()))),
                new UpdateOptions().upsert(true));
        if (!append(request(sessionId, spaceId, opening), 0, requester)) {
            throw new ApiException(ErrorCode.CONFLICT, "The session " + sessionId + " is already shredded");
        }
        if (properties.haltAfterRequest()) {
            // As a crash would: nothing of the session stays in memory.
            dropCaches(StreamNames.session(sessionId), sessionId);
            return false;
        }
        complete(spaceId, sessionId);
        return true;
    }

    /** Finishes a shred whose request is recorded (or whose intent is): idempotent. */
    void complete(UUID spaceId, UUID sessionId) {
        String stream = StreamNames.session(sessionId);
        if (engine.lastSequenceNumberFor(AGGREGATE_TYPE, sessionId.toString()).isEmpty()) {
            // Crashed after the intent, before the request was recorded: the owner's request stands.
            append(
                    request(sessionId, spaceId, openingOf(spaceId, sessionId)),
                    0,
                    EventContext.system(spaceId, COMPONENT));
        }
        dropCaches(stream, sessionId);
        keyring.shred(stream);
        attachments.deleteAllOf(sessionId);
        // A command that loaded the session before the request may have cached it again meanwhile.
        dropCaches(stream, sessionId);
        append(new SessionShredded(sessionId, spaceId), 1, EventContext.system(spaceId, COMPONENT));
        intents.updateOne(
                Filters.eq("_id", sessionId.toString()),
                Updates.combine(Updates.set("done", true), Updates.set("spaceId", spaceId.toString())),
                new UpdateOptions().upsert(true));
        log.info("Session {} shredded", sessionId);
    }

    boolean isComplete(UUID sessionId) {
        return engine.lastSequenceNumberFor(AGGREGATE_TYPE, sessionId.toString())
                .filter(last -> last >= 1)
                .isPresent();
    }

    /** Sessions whose shred was asked for and not finished (a crash, or the test hook). */
    List<Document> unfinished() {
        return intents.find(Filters.eq("done", false)).into(new ArrayList<>());
    }

    boolean isHalted() {
        return properties.haltAfterRequest();
    }

    void dropCaches(String stream, UUID sessionId) {
        keyring.evict(stream);
        codec.forget(stream);
        sessions.remove(sessionId.toString());
    }

    /** The clear metadata of the session's first event; 404 when the space has no such session. */
    private EventMetadata openingOf(UUID spaceId, UUID sessionId) {
        List<RecordedEvent> records = engine.readRawStream(StreamNames.session(sessionId));
        EventMetadata opening = records.isEmpty() ? null : metadataOf(records.get(0));
        if (opening == null || !spaceId.toString().equals(opening.spaceId())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No session " + sessionId);
        }
        return opening;
    }

    private static SessionShredRequested request(UUID sessionId, UUID spaceId, EventMetadata opening) {
        return new SessionShredRequested(sessionId, spaceId, opening.actor().id(), opening.occurredAt());
    }

    /** @return false when the event was there already (a repeat, or another instance) */
    private boolean append(ShreddingEvent event, long sequence, MetaData context) {
        String eventId = UUID.nameUUIDFromBytes(
                        (AggregateType.SHREDDING.value() + "/" + event.sessionId() + "/" + sequence)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
        try {
            engine.appendEvents(List.of(new GenericDomainEventMessage<>(
                    AGGREGATE_TYPE, event.sessionId().toString(), sequence, event, context, eventId, clock.instant())));
            return true;
        } catch (ConcurrencyException e) {
            return false;
        }
    }

    private static EventMetadata metadataOf(RecordedEvent record) {
        try {
            return EventMetadata.fromJson(record.getUserMetadata());
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
