package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static dev.ledgerloop.standalone.webhook.Webhooks.openSessionsAtOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that keeps up gets more attempts at once than it started with (docs/webhooks.md, concurrency per
 * endpoint). The receiver holds each request until {@link #AT_ONCE} are in flight together, or {@link #HOLD} at most:
 * at the fixed four lanes of before, every request waited out the hold and never more than four were in flight.
 */
class WebhookConcurrencyEndToEndTest {
    private static final int CLIENTS = 4;
    private static final int SESSIONS_PER_CLIENT = 15;
    private static final int AT_ONCE = 6;
    private static final Duration HOLD = Duration.ofMillis(300);

    @TempDir
    Path data;

    @Test
    void an_endpoint_that_keeps_up_gets_more_attempts_at_once() throws Exception {
        try (LedgerloopSystem system =
                        LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false));
                WebhookReceiver receiver = new WebhookReceiver()) {
            String key = system.secrets().bootstrapKeyOnce();
            HeldRequests held = new HeldRequests();
            Api.gateway(system)
                    .withKey(key, "concurrency")
                    .post("/v1/admin/webhooks", endpoint(receiver.url("/held", n -> held.answer()), null, null))
                    .expect(201);

            openSessionsAtOnce(system, key, "concurrency", CLIENTS, SESSIONS_PER_CLIENT);

            int sessions = CLIENTS * SESSIONS_PER_CLIENT;
            patiently().until(() -> receiver.received("/held").size() >= sessions);
            assertThat(held.mostAtOnce()).isGreaterThanOrEqualTo(AT_ONCE);
        }
    }

    /** Requests held until {@link #AT_ONCE} are in flight together or {@link #HOLD} has passed, then answered 200. */
    private static final class HeldRequests {
        private final Object lock = new Object();
        private int inFlight;
        private int mostAtOnce;
        private long released;

        int answer() throws InterruptedException {
            synchronized (lock) {
                inFlight++;
                mostAtOnce = Math.max(mostAtOnce, inFlight);
                long wave = released;
                if (inFlight >= AT_ONCE) {
                    released++;
                    lock.notifyAll();
                }
                long deadline = System.nanoTime() + HOLD.toNanos();
                long left = HOLD.toNanos();
                while (released == wave && left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                    left = deadline - System.nanoTime();
                }
                inFlight--;
                return 200;
            }
        }

        int mostAtOnce() {
            synchronized (lock) {
                return mostAtOnce;
            }
        }
    }
}
