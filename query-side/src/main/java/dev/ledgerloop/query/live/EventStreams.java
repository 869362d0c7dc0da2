package dev.ledgerloop.query.live;

import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.notification.Notification;
import dev.ledgerloop.service.notification.Notifications;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The live event streams ({@code GET /v1/agent/stream}, {@code GET /v1/human/stream}). Each instance reads the event
 * log once, at its end (the <em>tail</em>), maps each event once to a notification ({@link Notifications}: the webhook
 * types and payloads) and hands it to every stream that is caught up. A stream that starts behind (a client resuming
 * with {@code Last-Event-ID}) first reads the log itself from just after its position, then joins the tail where the
 * two meet: both read the same ordered log, so nothing is missed or repeated. A stream whose client falls too far
 * behind the tail is detached and catches up on its own again from what it last sent. Reads are woken by the log's
 * new-event signal and drained by a small shared pool, a bounded batch at a time: no thread waits per stream; a
 * caught-up stream with nothing waiting gets a new event from the tail's thread itself. No write waits for a client:
 * every {@link StreamOutput} queues, bounded, and ends a stream whose client is too far behind. Any
 * query-side instance serves any stream: all read the same log.
 */
@Component
class EventStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    /** Events one drain handles before it lets other streams have the thread. */
    private static final int BATCH = 256;
    /** Events the tail keeps for streams joining it; a stream further behind reads the log itself. */
    private static final int RECENT = 1_024;
    /** Events a caught-up stream may have waiting to be sent before it is detached from the tail. */
    private static final int BACKLOG = 1_024;

    private static final Duration MIN_HEARTBEAT_TICK = Duration.ofMillis(10);
    private static final String HEARTBEAT = SseText.comment("heartbeat");

    private final EventStoreDbStorageEngine engine;
    private final Notifications notifications;
    private final EventOwners owners;
    private final LiveConnections connections;
    private final LiveProperties properties;
    private final List<TailListener> listeners;
    private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();
    private final Object tailLock = new Object();
    private final Deque<Entry> recent = new ArrayDeque<>();
    /** Changed under the tail's lock, but for a closing stream leaving it, which takes no lock (see close). */
    private final Set<OpenStream> caughtUp = ConcurrentHashMap.newKeySet();

    private EventStoreDbPositionToken tailPosition;
    private Drainer tail;
    private ExecutorService drains;
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    EventStreams(
            EventStoreDbStorageEngine engine,
            SessionSeals seals,
            EventOwners owners,
            LiveConnections connections,
            LiveProperties properties,
            List<TailListener> listeners) {
        this.engine = engine;
        this.notifications = new Notifications(seals);
        this.owners = owners;
        this.connections = connections;
        this.properties = properties;
        this.listeners = List.copyOf(listeners);
    }

    /** Who may see a notification; it may follow what it sees (a human's sessions change as they are added). */
    interface Audience extends Predicate<Notification> {
        /**
         * Whether the notification may be for this audience or change what it follows: a superset of {@link #test}
         * that depends on the notification alone (never on what the stream has read so far), so the tail can decide
         * it before the stream has handled the events in front. The tail hands a caught-up stream only these.
         */
        boolean mayConcern(Notification notification);
    }

    /**
     * An event as the streams send it: its position, its notification (null: none) and that as a server-sent event,
     * written once for every stream it goes to.
     */
    private record Entry(EventStoreDbPositionToken position, Notification notification, String text) {
        static Entry of(TrackedEventMessage<?> message, Optional<Notification> notification) {
            EventStoreDbPositionToken position = (EventStoreDbPositionToken) message.trackingToken();
            return new Entry(
                    position,
                    notification.orElse(null),
                    notification
                            .map(n -> SseText.event(
                                    StreamPosition.id(position), n.type(), n.body(message.getIdentifier())))
                            .orElse(null));
        }
    }

    /** The position a new stream starts after when its client names none: the end of the log, now. */
    EventStoreDbPositionToken head() {
        return (EventStoreDbPositionToken) engine.createHeadToken();
    }

    /**
     * Opens a stream of the events after {@code after} that are for {@code audience}, written to {@code output}.
     *
     * @return what closes the stream when its client has gone (running it again does nothing)
     * @throws dev.ledgerloop.service.ApiException 429 when the principal or its space holds too many open already
     */
    Runnable open(Principal principal, EventStoreDbPositionToken after, Audience audience, StreamOutput output) {
        Runnable release = connections.open(principal);
        OpenStream stream = new OpenStream(output, audience, after, release);
        open.add(stream);
        try {
            // A first comment tells the client (and every proxy on the way) that the stream is open.
            output.send(SseText.comment("listening"));
        } catch (IOException | IllegalStateException gone) {
            stream.close();
            return stream::close;
        }
        stream.drainer.schedule();
        return stream::close;
    }

    /** How long a stream stays open before the server ends it (clients reconnect). */
    Duration streamTimeout() {
        return properties.streamTimeout();
    }

    /**
     * A live signal that is not in the log (typing): sent now to every open stream it is for, without an SSE id, so it
     * moves no client's resume position (and a resumed stream does not replay it).
     */
    void signal(Notification notification) {
        String text = SseText.event(null, notification.type(), notification.body(UUID.randomUUID()));
        open.forEach(stream -> stream.signal(notification, text));
    }

    @Override
    public void start() {
        drains = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "live-stream");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-stream-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        tailPosition = head();
        BlockingStream<TrackedEventMessage<?>> tailEvents =
                engine.allEventsSource().openStream(tailPosition);
        tail = new Drainer(() -> readTail(tailEvents));
        tailEvents.setOnAvailableCallback(tail::schedule);
        tail.schedule();
        long tick = heartbeatTick().toMillis();
        heartbeats.scheduleWithFixedDelay(
                () -> {
                    // Also a safety net should the log's new-event signal ever miss a wake-up.
                    tail.schedule();
                    long now = System.nanoTime();
                    open.forEach(stream -> stream.heartbeatIfDue(now));
                },
                tick,
                tick,
                TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends the open streams before the web server's graceful shutdown would wait for them; clients resume. */
    @Override
    public void stop() {
        running = false;
        open.forEach(stream -> {
            stream.close();
            stream.output.complete();
        });
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        if (drains != null) {
            drains.shutdownNow();
        }
    }

    /**
     * How often the heartbeat thread looks for streams due one. Each stream has its own due time, spread over the
     * heartbeat interval, so a thousand streams opened together do not all write (and pass through the gateway) in
     * the same instant, delaying the events sent right then.
     */
    private Duration heartbeatTick() {
        Duration tick = properties.heartbeat().dividedBy(16);
        return tick.compareTo(MIN_HEARTBEAT_TICK) < 0 ? MIN_HEARTBEAT_TICK : tick;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Reads what the log has at its end, maps each event once and hands it to the caught-up streams. */
    private boolean readTail(BlockingStream<TrackedEventMessage<?>> events) throws InterruptedException {
        int read = 0;
        while (read < BATCH && events.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            TrackedEventMessage<?> message = events.nextAvailable();
            tell(message);
            Entry entry = entryOf(message);
            synchronized (tailLock) {
                recent.addLast(entry);
                if (recent.size() > RECENT) {
                    recent.removeFirst();
                }
                tailPosition = entry.position();
                caughtUp.removeIf(stream -> !stream.offer(entry));
            }
            read++;
        }
        return read == BATCH;
    }

    private void tell(TrackedEventMessage<?> message) {
        for (TailListener listener : listeners) {
            try {
                listener.onTailEvent(message);
            } catch (RuntimeException failed) {
                log.warn(
                        "Event {} not handled by {}: {}",
                        message.getIdentifier(),
                        listener.getClass().getSimpleName(),
                        failed.getClass().getSimpleName());
            }
        }
    }

    /** The event as the streams send it; one that cannot be mapped is sent to no one rather than stall a stream. */
    private Entry entryOf(TrackedEventMessage<?> message) {
        Optional<Notification> notification;
        try {
            owners.saw(message.getPayload());
            notification = notifications.of(message, owners);
        } catch (RuntimeException unmappable) {
            log.warn(
                    "Event {} is sent to no live stream: {}",
                    message.getIdentifier(),
                    unmappable.getClass().getSimpleName());
            notification = Optional.empty();
        }
        return Entry.of(message, notification);
    }

    /** Runs a bounded step on the shared pool, one at a time, again while there is more or it was woken meanwhile. */
    private final class Drainer {
        private final Step step;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();

        /** A bounded piece of work; answers whether more is waiting. */
        interface Step {
            boolean run() throws Exception;
        }

        Drainer(Step step) {
            this.step = step;
        }

        /** Takes the drain's place for a step run by the caller; false if a drain is scheduled or running. */
        boolean claim() {
            return scheduled.compareAndSet(false, true);
        }

        /** Ends a claimed step; a schedule that came meanwhile runs now. */
        void release() {
            scheduled.set(false);
            if (again.getAndSet(false)) {
                schedule();
            }
        }

        void schedule() {
            again.set(true);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    drains.execute(this::drain);
                } catch (RuntimeException stopped) {
                    scheduled.set(false);
                }
            }
        }

        private void drain() {
            again.set(false);
            boolean more = false;
            try {
                more = step.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception failed) {
                log.warn("Live stream step failed: {}", failed.getClass().getSimpleName());
            } finally {
                scheduled.set(false);
            }
            if (more || again.get()) {
                schedule();
            }
        }
    }

    /**
     * The events one drain step sends to a stream, written together with one flush: a stream that fell behind by a few
     * events catches up with one write instead of one per event. One event alone is sent as the text every stream
     * shares.
     */
    private static final class Frames {
        private String first;
        private StringBuilder more;

        void add(Entry entry) {
            if (first == null) {
                first = entry.text();
                return;
            }
            if (more == null) {
                more = new StringBuilder(first);
            }
            more.append(entry.text());
        }

        void sendTo(StreamOutput output) throws IOException {
            if (first != null) {
                output.send(more == null ? first : more.toString());
            }
        }
    }

    private final class OpenStream {
        final StreamOutput output;
        final Audience audience;
        final Runnable release;
        final Drainer drainer = new Drainer(this::step);
        /** Filled by the tail while caught up; sent by this stream's own drains. */
        final Queue<Entry> backlog = new ConcurrentLinkedQueue<>();

        final AtomicInteger backlogSize = new AtomicInteger();
        /** The last position this stream has handled (sent, or skipped as not for its audience). */
        EventStoreDbPositionToken last;
        /** Its own read of the log while it is behind the tail; null while caught up. */
        BlockingStream<TrackedEventMessage<?>> reader;

        volatile boolean detached;
        volatile boolean closed;
        /** A send by the tail failed: the stream's next drain closes it. */
        volatile boolean broken;
        /** When this stream's next heartbeat is due (nanoTime); the first one at a random point of the interval. */
        private long heartbeatDue;

        OpenStream(StreamOutput output, Audience audience, EventStoreDbPositionToken after, Runnable release) {
            this.output = output;
            this.audience = audience;
            this.release = release;
            this.last = after;
            this.reader = engine.allEventsSource().openStream(after);
            reader.setOnAvailableCallback(drainer::schedule);
            long interval = properties.heartbeat().toNanos();
            this.heartbeatDue = System.nanoTime()
                    + interval / 2
                    + ThreadLocalRandom.current().nextLong(interval / 2 + 1);
        }

        /** Called by the tail under its lock: false detaches this stream (closed, or too far behind). */
        boolean offer(Entry entry) {
            if (closed || backlogSize.get() >= BACKLOG) {
                detached = !closed;
                drainer.schedule();
                return false;
            }
            // An event that cannot concern the stream is not handed to it at all: a thousand idle streams woken (or
            // filling backlogs) for every event would queue the one stream it is for behind them all. The stream's
            // position stays at what it last handled, so after a detach it reads the skipped events again and skips
            // them again.
            if (entry.notification() != null && audience.mayConcern(entry.notification())) {
                // Nothing waiting and no drain running: the tail sends it itself (outputs never block), one hand-off
                // fewer; a thousand streams it concerns are then a thousand writes, not a thousand tasks.
                if (backlogSize.get() == 0 && drainer.claim()) {
                    try {
                        sendNow(entry);
                    } finally {
                        drainer.release();
                    }
                    return !broken;
                }
                backlog.add(entry);
                backlogSize.incrementAndGet();
                drainer.schedule();
            }
            return true;
        }

        /** The tail's own send, as a drain step would: a failure closes the stream from its next drain. */
        private void sendNow(Entry entry) {
            if (entry.position().compareTo(last) <= 0) {
                return;
            }
            Frames frames = new Frames();
            add(entry, frames);
            try {
                frames.sendTo(output);
            } catch (IOException | IllegalStateException gone) {
                // Not closed here: the tail is iterating the caught-up streams.
                broken = true;
                drainer.schedule();
            }
        }

        private boolean step() throws IOException, InterruptedException {
            if (broken) {
                close();
            }
            if (closed) {
                return false;
            }
            try {
                return reader != null ? catchUp() : sendBacklog();
            } catch (IOException | IllegalStateException gone) {
                close();
                return false;
            }
        }

        /** Reads the log itself; once at the tail's position (or within what the tail keeps), joins the tail. */
        private boolean catchUp() throws IOException, InterruptedException {
            int handled = 0;
            Frames frames = new Frames();
            while (handled < BATCH && reader.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> message = reader.nextAvailable();
                add(entryOf(message), frames);
                handled++;
            }
            frames.sendTo(output);
            if (handled == BATCH) {
                return true;
            }
            synchronized (tailLock) {
                List<Entry> missed = sinceLast();
                if (missed == null) {
                    return false;
                }
                missed.forEach(entry -> {
                    backlog.add(entry);
                    backlogSize.incrementAndGet();
                });
                detached = false;
                caughtUp.add(this);
            }
            reader.close();
            reader = null;
            return true;
        }

        /** What the tail read after this stream's position; null when the tail cannot tell (it keeps too few). */
        private List<Entry> sinceLast() {
            if (last.compareTo(tailPosition) >= 0) {
                return List.of();
            }
            List<Entry> after = new ArrayList<>();
            boolean found = false;
            for (Entry entry : recent) {
                if (found) {
                    after.add(entry);
                } else if (entry.position().equals(last)) {
                    found = true;
                }
            }
            return found ? after : null;
        }

        private boolean sendBacklog() throws IOException {
            if (detached) {
                backlog.clear();
                backlogSize.set(0);
                reader = engine.allEventsSource().openStream(last);
                reader.setOnAvailableCallback(drainer::schedule);
                return true;
            }
            int sent = 0;
            Frames frames = new Frames();
            Entry entry;
            while (sent < BATCH && (entry = backlog.poll()) != null) {
                backlogSize.decrementAndGet();
                if (entry.position().compareTo(last) > 0) {
                    add(entry, frames);
                }
                sent++;
            }
            frames.sendTo(output);
            return sent == BATCH;
        }

        /** Adds the entry's event if it is for this stream's audience; either way the stream has handled it. */
        private void add(Entry entry, Frames frames) {
            if (entry.notification() != null && audience.test(entry.notification())) {
                frames.add(entry);
            }
            last = entry.position();
        }

        void signal(Notification notification, String text) {
            if (closed || !audience.test(notification)) {
                return;
            }
            try {
                output.send(text);
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        /** Called by the one heartbeat thread only. */
        void heartbeatIfDue(long now) {
            if (now - heartbeatDue < 0) {
                return;
            }
            heartbeatDue = now + properties.heartbeat().toNanos();
            try {
                output.send(HEARTBEAT);
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        void close() {
            if (!closed) {
                closed = true;
                open.remove(this);
                // Without the tail's lock: a stream closes from threads that hold its output's lock, which the tail,
                // holding its own, may be waiting for. A stream re-added by a catch-up racing this leaves at its
                // next offer (closed).
                caughtUp.remove(this);
                BlockingStream<TrackedEventMessage<?>> own = reader;
                if (own != null) {
                    own.close();
                }
                release.run();
            }
        }
    }
}
