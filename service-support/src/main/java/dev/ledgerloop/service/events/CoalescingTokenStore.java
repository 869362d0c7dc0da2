package dev.ledgerloop.service.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each segment's newest token at most once per interval instead of once per batch.
 *
 * <p>A processor stores its token after every batch that holds an event it handles; at a trickle every batch is one
 * event, so every event cost one token write per processor that handles it, about eleven MongoDB writes per sent
 * message (writing them once a second saved about a tenth of the CPU a message costs on the embedded default,
 * docs/performance.md). Here a batch's token waits in memory and a background thread writes the newest one of each
 * segment every interval; the write renews the claim as a direct write does. A crash loses at most an interval of
 * token progress, and the processor then handles those events again, which every handler allows: they are idempotent
 * (docs/architecture.md). Nothing a client was told is durable depends on a token.
 *
 * <p>Whatever reads or hands over a segment sees the newest token: fetching, extending or releasing a claim writes the
 * waiting token first. A waiting token whose write finds the claim taken by another instance is dropped, and the
 * processor's next store for that segment fails as a direct write would have, so its work package stops.
 */
public final class CoalescingTokenStore implements TokenStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoalescingTokenStore.class);

    private final TokenStore delegate;
    private final Map<SegmentKey, Slot> slots = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer;

    public CoalescingTokenStore(TokenStore delegate, Duration interval) {
        this.delegate = delegate;
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "token-writer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        writer.scheduleWithFixedDelay(this::writeWaitingTokens, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        slot(processorName, segment).hold(token);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return claimed(processorName, segment, () -> delegate.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return claimed(processorName, segment.getSegmentId(), () -> delegate.fetchToken(processorName, segment));
    }

    /** A fetch claims the segment: the waiting token is written first, and a claim lost before is forgotten. */
    private TrackingToken claimed(String processorName, int segment, Supplier<TrackingToken> fetch) {
        Slot slot = slot(processorName, segment);
        slot.writeWaiting();
        TrackingToken token = fetch.get();
        slot.claimed();
        return token;
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        if (!slot(processorName, segment).writeWaiting()) {
            delegate.extendClaim(processorName, segment);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        try {
            slot(processorName, segment).writeWaiting();
        } catch (UnableToClaimTokenException lost) {
            log.debug("Segment {} of {} was claimed elsewhere before its release", segment, processorName);
        }
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        forget(processorName);
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        forget(processorName);
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        slots.remove(new SegmentKey(processorName, segment));
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        slots.remove(new SegmentKey(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }

    /** Stops the background writes and writes every waiting token. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The token writer did not finish within 10 s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        writeWaitingTokens();
    }

    void writeWaitingTokens() {
        for (Slot slot : slots.values()) {
            try {
                slot.writeWaiting();
            } catch (UnableToClaimTokenException lost) {
                log.info(
                        "Segment {} of {} is claimed elsewhere; its processor here stops handling it",
                        slot.key.segment(),
                        slot.key.processorName());
            } catch (RuntimeException failed) {
                log.warn(
                        "Could not store the token of segment {} of {}; retrying at the next write",
                        slot.key.segment(),
                        slot.key.processorName(),
                        failed);
            }
        }
    }

    private Slot slot(String processorName, int segment) {
        return slots.computeIfAbsent(new SegmentKey(processorName, segment), Slot::new);
    }

    private void forget(String processorName) {
        slots.keySet().removeIf(key -> key.processorName().equals(processorName));
    }

    private record SegmentKey(String processorName, int segment) {}

    /** One segment's waiting token; its monitor orders the segment's writes. */
    private final class Slot {
        private final SegmentKey key;
        private TrackingToken waiting;
        private boolean hasWaiting;
        private boolean claimLost;

        Slot(SegmentKey key) {
            this.key = key;
        }

        synchronized void hold(TrackingToken token) {
            if (claimLost) {
                claimLost = false;
                throw new UnableToClaimTokenException(
                        "Segment " + key.segment() + " of " + key.processorName() + " was claimed by another instance");
            }
            waiting = token;
            hasWaiting = true;
        }

        /** This instance holds the segment's claim again (a fresh claim). */
        synchronized void claimed() {
            claimLost = false;
        }

        /** Writes the waiting token if there is one; true when it did. */
        synchronized boolean writeWaiting() {
            if (!hasWaiting) {
                return false;
            }
            try {
                delegate.storeToken(waiting, key.processorName(), key.segment());
            } catch (UnableToClaimTokenException lost) {
                hasWaiting = false;
                waiting = null;
                claimLost = true;
                throw lost;
            }
            hasWaiting = false;
            waiting = null;
            return true;
        }
    }
}
