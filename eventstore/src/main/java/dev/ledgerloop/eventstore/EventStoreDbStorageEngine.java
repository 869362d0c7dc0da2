package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's {@link EventStorageEngine} on EventStoreDB: each aggregate's events go to its own stream (named by a {@link
 * StreamNaming}) with the expected revision, and tracking processors read {@code $all}.
 *
 * <p>It implements the interface directly rather than extending {@code AbstractEventStorageEngine}, which is built
 * around serialized entries with a global index, duplicate-key detection for concurrency and snapshot tables. Here
 * concurrency is EventStoreDB's expected revision, the position in {@code $all} is the token, and the {@link
 * EventRecordCodec} owns the whole record so that encryption can replace it. Axon upcasters are not applied.
 *
 * <p>Axon asks for an aggregate's events by identifier only, but the stream name needs the aggregate type too: give
 * each aggregate's {@code EventSourcingRepository} an {@link AggregateEventStore}, which supplies it. Without one,
 * {@link #readEvents(String, long)} and {@link #lastSequenceNumberFor(String)} refuse with an explanation.
 */
public final class EventStoreDbStorageEngine implements EventStorageEngine, AutoCloseable {
    /** Default for {@link Builder#callDeadline(Duration)}: long enough for a leader election, short of Axon's 60 s. */
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(EventStoreDbStorageEngine.class);

    private final ClientCalls calls;
    private final EventRecordCodec codec;
    private final StreamNaming streamNaming;
    private final int batchSize;
    private final AggregateStreams aggregateStreams;
    private final AllStreamPositions positions;
    private final NewEventSignal newEvents;
    private final RecentEvents recentEvents;
    private final ThreadLocal<String> aggregateTypeInScope = new ThreadLocal<>();
    private final AtomicBoolean snapshotRefusalLogged = new AtomicBoolean();
    private final Duration idleRecheckInterval;

    private EventStoreDbStorageEngine(Builder builder) {
        this.calls = new ClientCalls(builder.client, builder.callDeadline);
        this.codec = builder.codec;
        this.streamNaming = builder.streamNaming;
        this.batchSize = builder.batchSize;
        this.aggregateStreams = new AggregateStreams(
                calls,
                builder.streamNaming,
                codec,
                batchSize,
                Timer.builder("ledgerloop.eventstore.append")
                        .description("Appends of one aggregate's events to EventStoreDB, until acknowledged")
                        .publishPercentiles(0.5, 0.99)
                        .register(builder.meters));
        this.positions = new AllStreamPositions(calls, batchSize);
        this.recentEvents = new RecentEvents(builder.recentEvents);
        this.newEvents = new NewEventSignal(calls, builder.idleRecheckInterval, recentEvents);
        this.idleRecheckInterval = builder.idleRecheckInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Appends each aggregate's events to its stream, expecting the revision before the first event, and returns once
     * EventStoreDB has acknowledged every write. Aggregates are written one after another: EventStoreDB has no
     * transaction across streams, so if a later write fails the earlier ones stay.
     *
     * @throws ConcurrencyException when a stream is not at the expected revision (someone else changed the aggregate)
     * @throws IllegalArgumentException for events that are not aggregate events
     */
    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        for (AggregateBatch batch : AggregateBatch.split(events)) {
            aggregateStreams.append(batch);
        }
    }

    /** Snapshots are not stored yet: this logs once and does nothing, so a configured snapshotter cannot break. */
    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        if (snapshotRefusalLogged.compareAndSet(false, true)) {
            log.warn(
                    "Snapshots are not supported yet; ignoring the snapshot of {} {} (logged once)",
                    snapshot.getType(),
                    snapshot.getAggregateIdentifier());
        }
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    /**
     * Every aggregate event after {@code trackingToken} in {@code $all} order ({@code null} means from the start).
     * With {@code mayBlock} the stream waits at the end for new events, written by this process or any other, until it
     * is closed; without, it ends where {@code $all} ends.
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        AllStreamSpliterator events = new AllStreamSpliterator(
                calls, codec, batchSize, startingAfter(trackingToken), mayBlock ? newEvents : null);
        return StreamSupport.stream(events, false).onClose(events::close);
    }

    /**
     * {@code $all} as a source for streaming event processors, read directly rather than through Axon's event store:
     * its streams call processors back when events are written, so a pooled streaming processor handles an event as
     * soon as it is stored instead of on its next 500 ms poll. Give it to Axon with {@code
     * EventProcessingConfigurer.configureDefaultStreamableMessageSource}.
     */
    public StreamableMessageSource<TrackedEventMessage<?>> allEventsSource() {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                return new AllStreamBlockingStream(
                        new AllStreamPager(calls, codec, batchSize, startingAfter(trackingToken), recentEvents),
                        newEvents,
                        idleRecheckInterval);
            }

            @Override
            public TrackingToken createTailToken() {
                return EventStoreDbStorageEngine.this.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return EventStoreDbStorageEngine.this.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return EventStoreDbStorageEngine.this.createTokenAt(dateTime);
            }
        };
    }

    private static EventStoreDbPositionToken startingAfter(TrackingToken token) {
        if (token == null) {
            return EventStoreDbPositionToken.TAIL;
        }
        if (token instanceof EventStoreDbPositionToken) {
            return (EventStoreDbPositionToken) token;
        }
        throw new IllegalArgumentException("Cannot track $all from a "
                + token.getClass().getName() + "; this engine's tokens are EventStoreDbPositionTokens");
    }

    /**
     * Reads an aggregate of the type an {@link AggregateEventStore} is reading for on this thread.
     *
     * @throws UnsupportedOperationException outside of an {@link AggregateEventStore}: the stream name needs the type
     */
    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return readEvents(aggregateTypeFor(aggregateIdentifier), aggregateIdentifier, firstSequenceNumber);
    }

    /** An aggregate's events from {@code firstSequenceNumber} on; empty when it has no stream. */
    public DomainEventStream readEvents(String aggregateType, String aggregateIdentifier, long firstSequenceNumber) {
        return aggregateStreams.read(aggregateType, aggregateIdentifier, firstSequenceNumber);
    }

    /**
     * The last sequence number of an aggregate of the type an {@link AggregateEventStore} is reading for.
     *
     * @throws UnsupportedOperationException outside of an {@link AggregateEventStore}: the stream name needs the type
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return lastSequenceNumberFor(aggregateTypeFor(aggregateIdentifier), aggregateIdentifier);
    }

    /** The revision of the last event in the aggregate's stream, which is its last sequence number. */
    public Optional<Long> lastSequenceNumberFor(String aggregateType, String aggregateIdentifier) {
        return aggregateStreams.lastSequenceNumber(aggregateType, aggregateIdentifier);
    }

    /**
     * The one event at {@code revision} of {@code stream}, tracked at its position in {@code $all}, decoded as a
     * processor reads it: an event that cannot be decoded comes back as an {@link UnreadableEvent}. For dead letters,
     * which keep where an event is rather than the event (docs/replay.md), so a retry after an upgrade decodes it anew.
     *
     * @throws EventStoreException when the stream has no event at that revision (deleted or truncated)
     */
    public TrackedEventMessage<?> readRecorded(String stream, long revision) {
        String action = "reading revision " + revision + " of " + stream;
        List<ResolvedEvent> events;
        try {
            events = calls.readStream(
                            stream,
                            ReadStreamOptions.get()
                                    .forwards()
                                    .fromRevision(revision)
                                    .maxCount(1),
                            action)
                    .getEvents();
        } catch (StreamNotFoundException e) {
            events = List.of();
        }
        if (events.isEmpty() || events.get(0).getEvent().getRevision() != revision) {
            throw new EventStoreException("No event at revision " + revision + " of " + stream);
        }
        RecordedEvent event = events.get(0).getEvent();
        return new GenericTrackedDomainEventMessage<>(
                EventStoreDbPositionToken.at(event.getPosition()), RecordedEvents.decodeOrStandIn(codec, event));
    }

    /**
     * The stored records of {@code $all} after {@code after} ({@link EventStoreDbPositionToken#TAIL} for the start), at
     * most {@code maxCount} read, skipping EventStoreDB's own events: for readers that need the bytes as stored rather
     * than the decoded messages (the verifiable log hashes the encrypted data).
     */
    public RawRecords readRaw(EventStoreDbPositionToken after, int maxCount) {
        long requested = after.isTail() ? maxCount : maxCount + 1L;
        ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(requested);
        options = after.isTail() ? options.fromStart() : options.fromPosition(after.toPosition());
        List<ResolvedEvent> page =
                calls.readAll(options, "reading $all after " + after).getEvents();
        List<RecordedEvent> records = new ArrayList<>(page.size());
        EventStoreDbPositionToken last = after;
        for (ResolvedEvent resolved : page) {
            RecordedEvent event = resolved.getEvent();
            EventStoreDbPositionToken token = EventStoreDbPositionToken.at(event.getPosition());
            if (last.covers(token)) {
                continue;
            }
            if (!AllStreamPager.isSystemEvent(event)) {
                records.add(event);
            }
            last = token;
        }
        return new RawRecords(records, last, page.size() == requested);
    }

    /** Every record of {@code stream} as stored, in order; empty when the stream does not exist. */
    public List<RecordedEvent> readRawStream(String stream) {
        List<RecordedEvent> records = new ArrayList<>();
        long next = 0;
        while (true) {
            List<ResolvedEvent> page;
            try {
                page = calls.readStream(
                                stream,
                                ReadStreamOptions.get()
                                        .forwards()
                                        .fromRevision(next)
                                        .maxCount(batchSize),
                                "reading " + stream + " from revision " + next)
                        .getEvents();
            } catch (StreamNotFoundException e) {
                return records;
            }
            for (ResolvedEvent resolved : page) {
                records.add(resolved.getEvent());
            }
            if (page.size() < batchSize) {
                return records;
            }
            next = page.get(page.size() - 1).getEvent().getRevision() + 1;
        }
    }

    /**
     * The generation of the wake-up signal: any event written after this returns moves it. Note it before a read that
     * may find nothing, then {@link #awaitNewEvents} with it, and no write is missed.
     */
    public long newEventsGeneration() {
        return newEvents.current();
    }

    /**
     * Waits until an event is written after {@code generation} was noted, or {@code timeout} passes.
     *
     * @return true when the generation moved
     */
    public boolean awaitNewEvents(long generation, Duration timeout) throws InterruptedException {
        newEvents.awaitChange(generation, timeout.toNanos());
        return newEvents.current() != generation;
    }

    /**
     * An aggregate's events from {@code firstRevision} on, read lazily a page at a time, as processors get them from
     * {@code $all}: each tracked at its position in {@code $all}, and an event that cannot be decoded as an {@link
     * UnreadableEvent} in its place. For folding one aggregate's history through the handlers of processors
     * (docs/replay.md §Point in time); empty when the aggregate has no stream.
     */
    public Iterator<TrackedEventMessage<?>> readRecorded(
            String aggregateType, String aggregateIdentifier, long firstRevision) {
        return aggregateStreams.readRecorded(aggregateType, aggregateIdentifier, firstRevision);
    }

    /** The stream that holds an aggregate's events. */
    public String streamName(String aggregateType, String aggregateIdentifier) {
        return streamNaming.streamName(aggregateType, aggregateIdentifier);
    }

    /** Before the first event: a processor starting here handles everything. */
    @Override
    public TrackingToken createTailToken() {
        return EventStoreDbPositionToken.TAIL;
    }

    /**
     * At the last event in {@code $all} (whichever stream it is in), so a processor starting here handles only new
     * events; {@link EventStoreDbPositionToken#TAIL} when {@code $all} is empty.
     */
    @Override
    public TrackingToken createHeadToken() {
        return positions.head();
    }

    /**
     * At the last event written before {@code dateTime}, so that events written at or after it are handled. The time
     * is EventStoreDB's {@code created} stamp, when the event entered the log. {@code $all} has no time index: this
     * reads it backwards from the end, so its cost grows with the number of events written since {@code dateTime}.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return positions.lastBefore(dateTime);
    }

    /**
     * How many aggregate events follow {@code token} in {@code $all} ({@code null} or the tail: all of them), counting
     * at most {@code limit}: how far a processor at that token is behind. The records are not decoded.
     */
    public long countEventsAfter(TrackingToken token, long limit) {
        return positions.countAfter(startingAfter(token), limit);
    }

    /**
     * When EventStoreDB recorded the event a token is at (its {@code created} stamp); empty for the tail. With the
     * head token's time, how long ago a processor at {@code token} was up to date.
     */
    public Optional<Instant> recordedAt(TrackingToken token) {
        return positions.recordedAt(startingAfter(token));
    }

    /** Runs {@code read} with this thread's aggregate reads bound to {@code aggregateType}. */
    <T> T withAggregateType(String aggregateType, Supplier<T> read) {
        String outer = aggregateTypeInScope.get();
        aggregateTypeInScope.set(aggregateType);
        try {
            return read.get();
        } finally {
            if (outer == null) {
                aggregateTypeInScope.remove();
            } else {
                aggregateTypeInScope.set(outer);
            }
        }
    }

    private String aggregateTypeFor(String aggregateIdentifier) {
        String aggregateType = aggregateTypeInScope.get();
        if (aggregateType == null) {
            throw new UnsupportedOperationException("Cannot read aggregate " + aggregateIdentifier
                    + " without its type: the stream name is made of both. Give the aggregate's"
                    + " EventSourcingRepository an AggregateEventStore for its type, or call"
                    + " readEvents(aggregateType, aggregateIdentifier, firstSequenceNumber).");
        }
        return aggregateType;
    }

    /** Stops the wake-up subscription; the client belongs to the caller and stays open. */
    @Override
    public void close() {
        newEvents.close();
    }

    /** Builds an engine; only the client is required. */
    public static final class Builder {
        private EventStoreDBClient client;
        private StreamNaming streamNaming = StreamNaming.lowerCaseTypeAndId();
        private EventRecordCodec codec;
        private int batchSize = 256;
        private Duration idleRecheckInterval = Duration.ofSeconds(30);
        private Duration callDeadline = DEFAULT_CALL_DEADLINE;
        private int recentEvents = 4_096;
        private MeterRegistry meters = new CompositeMeterRegistry();

        private Builder() {}

        /** Where the engine's meters go (docs/metrics.md). Default: nowhere. */
        public Builder meters(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        public Builder client(EventStoreDBClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Default: {@link StreamNaming#lowerCaseTypeAndId()}. */
        public Builder streamNaming(StreamNaming streamNaming) {
            this.streamNaming = Objects.requireNonNull(streamNaming, "streamNaming");
            return this;
        }

        /** Default: {@link JsonEventRecordCodec#withDefaultSerializer()}. */
        public Builder codec(EventRecordCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Events per read of {@code $all} or of a stream. Default 256. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * The longest a blocking reader at the end of {@code $all} waits without a wake-up before reading again: a
         * safety net, since new events normally wake it at once. Default 30 seconds.
         */
        public Builder idleRecheckInterval(Duration idleRecheckInterval) {
            if (idleRecheckInterval.isNegative() || idleRecheckInterval.isZero()) {
                throw new IllegalArgumentException("idleRecheckInterval must be positive");
            }
            this.idleRecheckInterval = idleRecheckInterval;
            return this;
        }

        /**
         * How many of the newest events the engine keeps in memory, as its wake-up subscription delivers them, for
         * the readers that follow the end of {@code $all} (processors, live streams): they take new events from there
         * instead of each reading them from EventStoreDB again. Default 4,096 (a few MiB).
         */
        public Builder recentEvents(int recentEvents) {
            if (recentEvents < 1) {
                throw new IllegalArgumentException("recentEvents must be at least 1, was " + recentEvents);
            }
            this.recentEvents = recentEvents;
            return this;
        }

        /**
         * How long any one call to EventStoreDB (an append, a read page, a subscription's confirmation) may take: the
         * deadline goes to the server with the call, and a call that misses it fails with {@link
         * EventStoreUnavailableException}. Default {@link #DEFAULT_CALL_DEADLINE}.
         */
        public Builder callDeadline(Duration callDeadline) {
            if (callDeadline.isNegative() || callDeadline.isZero()) {
                throw new IllegalArgumentException("callDeadline must be positive");
            }
            this.callDeadline = callDeadline;
            return this;
        }

        public EventStoreDbStorageEngine build() {
            if (client == null) {
                throw new IllegalStateException("An EventStoreDBClient is required");
            }
            if (codec == null) {
                codec = JsonEventRecordCodec.withDefaultSerializer();
            }
            return new EventStoreDbStorageEngine(this);
        }
    }
}
