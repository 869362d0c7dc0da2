package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.webhook.WebhookProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * When the next attempt is due after a failed one (docs/webhooks.md): the configured delays (by default immediately, 5
 * s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), each spread by a random jitter; none after the last.
 */
@Component
class RetrySchedule {
    private final List<Duration> delays;
    private final double jitter;

    RetrySchedule(WebhookProperties properties) {
        this.delays = List.copyOf(properties.retrySchedule());
        this.jitter = properties.jitter();
    }

    /** The next attempt's time after attempt {@code failedAttempt} (from 1) failed at {@code now}; null if none. */
    Instant nextAttemptAfter(int failedAttempt, Instant now) {
        if (failedAttempt >= delays.size()) {
            return null;
        }
        long millis = delays.get(failedAttempt).toMillis();
        long spread = (long) (millis * jitter);
        long jittered =
                spread == 0 ? millis : millis + ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return now.plusMillis(Math.max(0, jittered));
    }
}
