package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.SampleEnvelopes.envelope;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Agent messages sent to sessions in turn, as fast as a fixed number of requests in flight allows, for a time. */
final class MessageSendLoad {
    /** Longer than any answer of a working system: a bound that turns a hung request into a failure. */
    private static final long SLOT_TIMEOUT_SECONDS = 120;

    private MessageSendLoad() {}

    /** What a run of sends measured: the latency of each 201, the requests that failed, and how long it ran. */
    record Result(int inFlight, Histogram latency, long failures, double seconds) {
        String summary() {
            return String.format(
                    "send message, %d in flight: %,d requests in %.1f s = %,.0f req/s; latency p50 %.2f ms, p99 %.2f"
                            + " ms, max %.2f ms; %d failed",
                    inFlight,
                    latency.getTotalCount(),
                    seconds,
                    latency.getTotalCount() / seconds,
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6,
                    failures);
        }
    }

    static Result run(GatewayClient agent, List<String> sessions, int seconds, int inFlight)
            throws InterruptedException {
        // Completions run on the HTTP client's threads, several at once.
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong failures = new AtomicLong();
        Semaphore slots = new Semaphore(inFlight);
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        while (System.nanoTime() < end) {
            acquire(slots, 1);
            String session = sessions.get((int) (sent++ % sessions.size()));
            long t0 = System.nanoTime();
            agent.postAsync("/v1/agent/sessions/" + session + "/messages", "{\"encryptedContent\":" + envelope() + "}")
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            failures.incrementAndGet();
                        } else {
                            latency.recordValue(System.nanoTime() - t0);
                        }
                        slots.release();
                    });
        }
        acquire(slots, inFlight);
        return new Result(inFlight, latency, failures.get(), (System.nanoTime() - started) / 1e9);
    }

    private static void acquire(Semaphore slots, int permits) throws InterruptedException {
        if (!slots.tryAcquire(permits, SLOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("A send had no answer after " + SLOT_TIMEOUT_SECONDS + " s");
        }
    }
}
