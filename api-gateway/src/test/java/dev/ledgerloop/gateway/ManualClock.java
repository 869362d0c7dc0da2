package dev.ledgerloop.gateway;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The rate limits' clock, moved by the test instead of by the machine's load. */
final class ManualClock implements TimeMeter {
    private final AtomicLong nanos = new AtomicLong(System.nanoTime());

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
