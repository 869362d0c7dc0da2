package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WrongExpectedVersionException;
import io.micrometer.core.instrument.Timer;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.IteratorBackedDomainEventStream;
import org.axonframework.modelling.command.ConcurrencyException;

/** Writes and reads the one stream each aggregate has; a stream's revisions are the aggregate's sequence numbers. */
final class AggregateStreams {
    private final ClientCalls calls;
    private final StreamNaming naming;
    private final EventRecordCodec codec;
    private final int pageSize;
    private final Timer appends;

    AggregateStreams(ClientCalls calls, StreamNaming naming, EventRecordCodec codec, int pageSize, Timer appends) {
        this.calls = calls;
        this.naming = naming;
        this.codec = codec;
        this.pageSize = pageSize;
        this.appends = appends;
    }

    /**
     * Appends the batch, expecting the stream at the revision before its first event, and returns once EventStoreDB
     * has acknowledged it.
     *
     * @throws ConcurrencyException when the stream is elsewhere: someone else changed the aggregate meanwhile
     */
    void append(AggregateBatch batch) {
        String stream = naming.streamName(batch.aggregateType(), batch.aggregateIdentifier());
        List<EventData> records = codec.encodeAll(stream, batch.events());
        ExpectedRevision expected = batch.expectedRevision();
        try {
            long started = System.nanoTime();
            calls.append(stream, AppendToStreamOptions.get().expectedRevision(expected), records.iterator());
            appends.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (WrongExpectedVersionException e) {
            throw new ConcurrencyException(
                    String.format(
                            "%s %s was changed concurrently: expected %s at %s, it is at %s",
                            batch.aggregateType(),
                            batch.aggregateIdentifier(),
                            stream,
                            describe(expected),
                            describe(e.getActualVersion())),
                    e);
        }
    }

    /** The aggregate's events from {@code firstSequenceNumber} on, read lazily; empty when it has no stream. */
    DomainEventStream read(String aggregateType, String aggregateIdentifier, long firstSequenceNumber) {
        String stream = naming.streamName(aggregateType, aggregateIdentifier);
        return new IteratorBackedDomainEventStream(new AggregateStreamIterator<>(
                calls, codec::decode, stream, Math.max(0, firstSequenceNumber), pageSize));
    }

    /**
     * The aggregate's events from {@code firstRevision} on, read lazily, as readers of {@code $all} get them: tracked
     * at their position in {@code $all}, and an event that cannot be decoded as an {@link UnreadableEvent}.
     */
    Iterator<TrackedEventMessage<?>> readRecorded(
            String aggregateType, String aggregateIdentifier, long firstRevision) {
        String stream = naming.streamName(aggregateType, aggregateIdentifier);
        return new AggregateStreamIterator<>(
                calls,
                event -> new GenericTrackedDomainEventMessage<>(
                        EventStoreDbPositionToken.at(event.getPosition()),
                        RecordedEvents.decodeOrStandIn(codec, event)),
                stream,
                Math.max(0, firstRevision),
                pageSize);
    }

    /** The revision of the stream's last event, which is the aggregate's last sequence number. */
    Optional<Long> lastSequenceNumber(String aggregateType, String aggregateIdentifier) {
        String stream = naming.streamName(aggregateType, aggregateIdentifier);
        try {
            List<ResolvedEvent> last = calls.readStream(
                            stream,
                            ReadStreamOptions.get().backwards().fromEnd().maxCount(1),
                            "reading the end of " + stream)
                    .getEvents();
            return last.stream().findFirst().map(event -> event.getEvent().getRevision());
        } catch (StreamNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String describe(ExpectedRevision revision) {
        long raw = revision == null ? Long.MIN_VALUE : revision.toRawLong();
        return raw >= 0 ? "revision " + raw : raw == -1 ? "no stream" : String.valueOf(revision);
    }
}
