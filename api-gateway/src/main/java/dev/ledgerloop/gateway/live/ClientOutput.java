package dev.ledgerloop.gateway.live;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One stream's events on their way to its client: the query side's threads write, the client's connection reads.
 * Bounded: a client that does not read falls behind by at most {@code maxEvents} writes or {@code maxChars}
 * characters, then its stream ends after what is queued, and the client resumes from the last id it received (the
 * write that did not fit is read from the log again). Writes come from several threads (drains, heartbeats,
 * signals), so they are serialised here.
 */
final class ClientOutput implements InProcessEventStreams.Output {
    private final Sinks.Many<String> sink;
    private final int maxEvents;
    private final long maxChars;
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    private boolean ended;

    ClientOutput(int maxEvents, long maxChars) {
        this.sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<String>get(maxEvents).get());
        this.maxEvents = maxEvents;
        this.maxChars = maxChars;
    }

    @Override
    public synchronized void send(String events) throws IOException {
        if (ended) {
            throw new IOException("The stream has ended");
        }
        int waiting = queuedEvents.incrementAndGet();
        long chars = queuedChars.addAndGet(events.length());
        // One write alone always fits, however large: a stream catching up must be able to make progress.
        if (waiting > maxEvents
                || (waiting > 1 && chars > maxChars)
                || sink.tryEmitNext(events).isFailure()) {
            end();
            throw new IOException("The client is gone or not reading fast enough");
        }
    }

    @Override
    public synchronized void complete() {
        end();
    }

    private void end() {
        ended = true;
        sink.tryEmitComplete();
    }

    /** What the client is sent, once: the writes in order, then the end. */
    Flux<String> events() {
        return sink.asFlux().doOnNext(events -> {
            queuedEvents.decrementAndGet();
            queuedChars.addAndGet(-events.length());
        });
    }
}
