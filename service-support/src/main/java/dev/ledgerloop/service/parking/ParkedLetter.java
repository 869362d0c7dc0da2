package dev.ledgerloop.service.parking;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.bson.types.ObjectId;

/**
 * A stored letter. Its message is read from the event log only when asked for, so that choosing a sequence to
 * process costs no read. Letters are the same letter when their ids are.
 */
final class ParkedLetter implements DeadLetter<EventMessage<?>> {
    private final ObjectId id;
    private final String sequence;
    private final Supplier<EventMessage<?>> message;
    private final Cause cause;
    private final Instant enqueuedAt;
    private final Instant lastTouched;
    private final MetaData diagnostics;

    ParkedLetter(
            ObjectId id,
            String sequence,
            Supplier<EventMessage<?>> message,
            Cause cause,
            Instant enqueuedAt,
            Instant lastTouched,
            MetaData diagnostics) {
        this.id = id;
        this.sequence = sequence;
        this.message = message;
        this.cause = cause;
        this.enqueuedAt = enqueuedAt;
        this.lastTouched = lastTouched;
        this.diagnostics = diagnostics;
    }

    ObjectId id() {
        return id;
    }

    String sequence() {
        return sequence;
    }

    @Override
    public EventMessage<?> message() {
        return message.get();
    }

    @Override
    public Optional<Cause> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public Instant enqueuedAt() {
        return enqueuedAt;
    }

    @Override
    public Instant lastTouched() {
        return lastTouched;
    }

    @Override
    public MetaData diagnostics() {
        return diagnostics;
    }

    @Override
    public DeadLetter<EventMessage<?>> markTouched() {
        return new ParkedLetter(
                id, sequence, message, cause, enqueuedAt, GenericDeadLetter.clock.instant(), diagnostics);
    }

    @Override
    public DeadLetter<EventMessage<?>> withCause(Throwable requeueCause) {
        Cause newCause = requeueCause == null ? cause : ThrowableCause.asCause(requeueCause);
        return new ParkedLetter(id, sequence, message, newCause, enqueuedAt, lastTouched, diagnostics);
    }

    @Override
    public DeadLetter<EventMessage<?>> withDiagnostics(MetaData newDiagnostics) {
        return new ParkedLetter(id, sequence, message, cause, enqueuedAt, lastTouched, newDiagnostics);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParkedLetter letter && letter.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ParkedLetter{" + id + ", sequence " + sequence + "}";
    }
}
