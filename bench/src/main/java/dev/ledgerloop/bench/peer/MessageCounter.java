package dev.ledgerloop.bench.peer;

import dev.ledgerloop.events.session.MessageSent;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * The one event handler, in a pooled streaming processor: counts the messages it handles and records each one's lag,
 * from the event's timestamp (taken when the command applied it) to its handling, in microseconds.
 */
@ProcessingGroup(MessageCounter.PROCESSOR)
final class MessageCounter {
    static final String PROCESSOR = "bench-message-counter";

    private final AtomicLong handled = new AtomicLong();
    private volatile Histogram lag = newHistogram();

    @EventHandler
    void on(MessageSent event, EventMessage<?> message) {
        Duration since = Duration.between(message.getTimestamp(), Instant.now());
        lag.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(since.toNanos())));
        handled.incrementAndGet();
    }

    long handled() {
        return handled.get();
    }

    /** The lags recorded since the previous call; the next ones go to a fresh histogram. */
    Histogram takeLags() {
        Histogram taken = lag;
        lag = newHistogram();
        return taken;
    }

    private static Histogram newHistogram() {
        return new ConcurrentHistogram(3);
    }
}
