package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild of one or more views (docs/replay.md §Rebuild): replays {@code $all} from the start into fresh copies of
 * their collections (in memory first: {@link RebuildStore}) while the live views keep serving, catches up, pauses the
 * live processors, finishes up to exactly their tokens, renames the copies over the live collections and resumes the
 * processors where they were. On failure the copies are dropped and the live views stay as they are.
 */
final class Rebuild implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    /** Catch up again, with the live processors running, while at least this many events came in meanwhile. */
    private static final long PAUSE_WHEN_BEHIND_BY_AT_MOST = 1_000;

    private static final int MAX_CATCH_UPS = 10;
    /** How far the reader may run ahead of the slowest view, in chunks. */
    private static final int CHUNKS_AHEAD = 4;

    private final String target;
    private final List<String> views;
    private final FreshCollections fresh;
    private final Function<MongoDatabase, ReplayHandlers> handlersOn;
    private final RebuildSettings settings;
    private final EventStoreDbStorageEngine eventLog;
    private final LiveProcessors live;
    private final TokenPositions tokens;
    private final Clock clock;
    private final Instant startedAt;

    private volatile String status = RebuildProgress.RUNNING;
    private volatile long eventsDone;
    private volatile long headCommit;
    private volatile long lastCommit;
    private volatile Instant finishedAt;
    private volatile String error;

    Rebuild(
            String target,
            List<String> views,
            FreshCollections fresh,
            Function<MongoDatabase, ReplayHandlers> handlersOn,
            RebuildSettings settings,
            EventStoreDbStorageEngine eventLog,
            LiveProcessors live,
            TokenPositions tokens,
            Clock clock) {
        this.target = target;
        this.views = List.copyOf(views);
        this.fresh = fresh;
        this.handlersOn = handlersOn;
        this.settings = settings;
        this.eventLog = eventLog;
        this.live = live;
        this.tokens = tokens;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    List<String> views() {
        return views;
    }

    /**
     * The outcome is published last, after the time it ended: a reader that sees a rebuild finished always sees when
     * (a progress read between the two once met no end time), and a failed one's copies are already dropped.
     */
    @Override
    public void run() {
        String outcome;
        try {
            fresh.recreate();
            try (RebuildStore store = new RebuildStore(fresh, handlersOn, settings.memoryDocuments())) {
                EventStoreDbPositionToken position = caughtUp(store, EventStoreDbPositionToken.TAIL);
                store.moveToCopies();
                switchOver(store, caughtUp(store, position));
            }
            outcome = RebuildProgress.SUCCEEDED;
            log.info(
                    "Rebuilt {} from {} events in {}", views, eventsDone, Duration.between(startedAt, clock.instant()));
        } catch (RuntimeException e) {
            error = e instanceof RebuildFailure ? e.getMessage() : e.getClass().getName() + ": " + e.getMessage();
            outcome = RebuildProgress.FAILED;
            log.warn("Rebuild of {} failed; the live views stay as they were", views, e);
            dropCopies();
        }
        finishedAt = clock.instant();
        status = outcome;
    }

    /** Pauses the live processors, applies the events up to exactly their tokens, renames, and resumes them. */
    private void switchOver(RebuildStore store, EventStoreDbPositionToken position) {
        status = RebuildProgress.SWITCHING;
        try {
            live.pause(views);
            EventStoreDbPositionToken upTo = views.stream()
                    .map(view -> tokens.of(view).highest())
                    .max(EventStoreDbPositionToken::compareTo)
                    .orElse(EventStoreDbPositionToken.TAIL);
            headCommit = Math.max(lastCommit, commitOf(upTo));
            replay(store, position, upTo);
            fresh.switchOver();
        } finally {
            live.resume(views);
        }
    }

    /**
     * Replays from {@code from} to the end of the log, and again while at least {@link #PAUSE_WHEN_BEHIND_BY_AT_MOST}
     * events came in meanwhile (the live views kept serving and moving).
     */
    private EventStoreDbPositionToken caughtUp(RebuildStore store, EventStoreDbPositionToken from) {
        EventStoreDbPositionToken position = toHead(store, from);
        for (int i = 0;
                i < MAX_CATCH_UPS
                        && eventLog.countEventsAfter(position, PAUSE_WHEN_BEHIND_BY_AT_MOST)
                                >= PAUSE_WHEN_BEHIND_BY_AT_MOST;
                i++) {
            position = toHead(store, position);
        }
        return position;
    }

    private EventStoreDbPositionToken toHead(RebuildStore store, EventStoreDbPositionToken from) {
        headCommit = commitOf(eventLog.createHeadToken());
        return replay(store, from, null);
    }

    /** Handles the events after {@code from} up to {@code upTo} inclusive (the end of the log when null). */
    private EventStoreDbPositionToken replay(
            RebuildStore store, EventStoreDbPositionToken from, EventStoreDbPositionToken upTo) {
        EventStoreDbPositionToken position = from;
        if (upTo != null && position.covers(upTo)) {
            return position;
        }
        List<TrackedEventMessage<?>> chunk = new ArrayList<>(settings.chunkEvents());
        Deque<HandedOver> handedOver = new ArrayDeque<>();
        try (Stream<? extends TrackedEventMessage<?>> events = eventLog.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (upTo != null && !upTo.covers(event.trackingToken())) {
                    break;
                }
                chunk.add(event);
                if (chunk.size() == settings.chunkEvents()) {
                    position = handOver(store, chunk, handedOver);
                }
            }
            if (!chunk.isEmpty()) {
                position = handOver(store, chunk, handedOver);
            }
        } finally {
            // Also on failure: no view is left writing when the rebuild drops its copies.
            awaitAll(store, handedOver);
        }
        return position;
    }

    private record HandedOver(CompletableFuture<Void> handled, EventStoreDbPositionToken last, int events) {}

    /**
     * Hands the chunk to every view and empties it, waiting first for the oldest chunk while the reader is
     * {@link #CHUNKS_AHEAD} ahead of the slowest view; answers the position of its last event.
     */
    private EventStoreDbPositionToken handOver(
            RebuildStore store, List<TrackedEventMessage<?>> chunk, Deque<HandedOver> handedOver) {
        EventStoreDbPositionToken last =
                (EventStoreDbPositionToken) chunk.get(chunk.size() - 1).trackingToken();
        handedOver.add(new HandedOver(store.handlers().handAll(List.copyOf(chunk)), last, chunk.size()));
        chunk.clear();
        while (handedOver.size() > CHUNKS_AHEAD) {
            handled(store, handedOver.remove());
        }
        if (store.overBudget()) {
            awaitAll(store, handedOver);
            store.moveToCopies();
        }
        return last;
    }

    private void awaitAll(RebuildStore store, Deque<HandedOver> handedOver) {
        while (!handedOver.isEmpty()) {
            handled(store, handedOver.remove());
        }
    }

    /** Waits until every view has handled the chunk, and counts it done. */
    private void handled(RebuildStore store, HandedOver chunk) {
        store.handlers().await(chunk.handled());
        lastCommit = chunk.last().getCommitPosition();
        eventsDone += chunk.events();
    }

    private void dropCopies() {
        try {
            fresh.drop();
        } catch (RuntimeException e) {
            log.warn("Could not drop the copies of {}; the next rebuild drops them", views, e);
        }
    }

    private static long commitOf(org.axonframework.eventhandling.TrackingToken token) {
        return ((EventStoreDbPositionToken) token).getCommitPosition();
    }

    RebuildProgress progress() {
        String now = status;
        long done = eventsDone;
        boolean finished = RebuildProgress.SUCCEEDED.equals(now) || RebuildProgress.FAILED.equals(now);
        long total = finished || now.equals(RebuildProgress.SWITCHING) ? done : estimatedTotal(done);
        Instant end = finished ? finishedAt : clock.instant();
        double seconds = Math.max(1, Duration.between(startedAt, end).toMillis()) / 1000.0;
        long rate = Math.round(done / seconds);
        Long eta = finished ? null : rate == 0 ? null : (total - done + rate - 1) / rate;
        return new RebuildProgress(target, views, now, done, total, rate, eta, startedAt, finishedAt, error);
    }

    /** The events seen so far scaled by how far through the log's bytes the replay is. */
    private long estimatedTotal(long done) {
        long at = lastCommit;
        long head = headCommit;
        if (at <= 0 || head <= at) {
            return done;
        }
        return Math.max(done, Math.round(done * ((double) head / at)));
    }
}
