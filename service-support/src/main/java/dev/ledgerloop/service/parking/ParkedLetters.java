package dev.ledgerloop.service.parking;

import static dev.ledgerloop.service.parking.ParkedEventFields.*;

import dev.ledgerloop.eventstore.EventRecordCodec;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.eventstore.SafeReasons;
import dev.ledgerloop.eventstore.StreamNaming;
import dev.ledgerloop.eventstore.UnreadableEvent;
import dev.ledgerloop.service.events.EventContext;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Turns letters into documents that say where their event is in the log, and documents back into letters whose
 * message is that event read again. No payload is stored: payloads hold secrets (webhook secrets, invocation
 * arguments) that are encrypted at rest in the log and would lie in clear here.
 */
final class ParkedLetters {
    private final StreamNaming streams;
    private final EventReader events;

    ParkedLetters(StreamNaming streams, EventReader events) {
        this.streams = streams;
        this.events = events;
    }

    /** Reads one event of the log again, e.g. {@link EventStoreDbStorageEngine#readRecorded}. */
    @FunctionalInterface
    interface EventReader {
        TrackedEventMessage<?> read(String stream, long revision);
    }

    Document toDocument(String processor, String sequence, long index, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Document document = new Document(ID, new ObjectId())
                .append(PROCESSOR, processor)
                .append(SEQUENCE, sequence)
                .append(INDEX, index);
        if (message.getPayload() instanceof UnreadableEvent unreadable) {
            document.append(STREAM, unreadable.stream())
                    .append(REVISION, unreadable.revision())
                    .append(EVENT_ID, unreadable.eventId())
                    .append(EVENT_TYPE, unreadable.eventType());
        } else if (message instanceof DomainEventMessage<?> event) {
            document.append(STREAM, streams.streamName(event.getType(), event.getAggregateIdentifier()))
                    .append(REVISION, event.getSequenceNumber())
                    .append(
                            EVENT_ID,
                            EventRecordCodec.eventIdOf(event.getIdentifier()).toString())
                    .append(EVENT_TYPE, event.getPayloadType().getSimpleName());
        } else {
            throw new IllegalArgumentException("Only aggregate events can be parked, not a "
                    + message.getPayloadType().getName() + " (" + message.getIdentifier() + ")");
        }
        Object space = message.getMetaData().get(EventContext.SPACE_ID);
        if (space != null) {
            document.append(SPACE, space.toString());
        }
        if (message instanceof TrackedEventMessage<?> tracked
                && tracked.trackingToken() instanceof EventStoreDbPositionToken position) {
            document.append(COMMIT_POSITION, position.getCommitPosition())
                    .append(PREPARE_POSITION, position.getPreparePosition());
        }
        return document.append(ENQUEUED_AT, Date.from(letter.enqueuedAt()))
                .append(CLAIMED_UNTIL, null)
                .append(RETRY_REQUESTED_AT, null)
                .append(DIAGNOSTICS, diagnostics(letter.diagnostics()))
                .append(LAST_TOUCHED, Date.from(letter.lastTouched()))
                .append(CAUSE_TYPE, letter.cause().map(Cause::type).orElse(null))
                .append(
                        CAUSE_MESSAGE,
                        letter.cause().map(ParkedLetters::safeMessage).orElse(null));
    }

    /** The fields a requeue changes: cause, diagnostics and when the letter was last touched. */
    static Document requeuedFields(DeadLetter<? extends EventMessage<?>> letter) {
        return new Document(LAST_TOUCHED, Date.from(letter.lastTouched()))
                .append(DIAGNOSTICS, diagnostics(letter.diagnostics()))
                .append(CAUSE_TYPE, letter.cause().map(Cause::type).orElse(null))
                .append(
                        CAUSE_MESSAGE,
                        letter.cause().map(ParkedLetters::safeMessage).orElse(null));
    }

    ParkedLetter toLetter(Document document) {
        String stream = document.getString(STREAM);
        long revision = document.get(REVISION, Number.class).longValue();
        String causeType = document.getString(CAUSE_TYPE);
        return new ParkedLetter(
                document.getObjectId(ID),
                document.getString(SEQUENCE),
                readOnce(() -> events.read(stream, revision)),
                causeType == null ? null : new ThrowableCause(causeType, document.getString(CAUSE_MESSAGE)),
                document.getDate(ENQUEUED_AT).toInstant(),
                document.getDate(LAST_TOUCHED).toInstant(),
                MetaData.from(document.get(DIAGNOSTICS, new Document())));
    }

    private static String safeMessage(Cause cause) {
        return SafeReasons.message(cause.type(), cause.message());
    }

    private static Document diagnostics(MetaData diagnostics) {
        Map<String, Object> values = new HashMap<>();
        diagnostics.forEach((key, value) -> values.put(key, storable(value)));
        return new Document(values);
    }

    private static Object storable(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                ? value
                : value.toString();
    }

    private static Supplier<EventMessage<?>> readOnce(Supplier<EventMessage<?>> read) {
        return new Supplier<>() {
            private EventMessage<?> message;

            @Override
            public synchronized EventMessage<?> get() {
                if (message == null) {
                    message = read.get();
                }
                return message;
            }
        };
    }
}
