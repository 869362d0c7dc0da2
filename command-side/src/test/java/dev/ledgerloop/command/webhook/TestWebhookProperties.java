package dev.ledgerloop.command.webhook;

import java.time.Duration;
import java.util.List;

/** Webhook settings for tests: one immediate attempt, lanes and allowed targets as given. */
public final class TestWebhookProperties {
    private TestWebhookProperties() {}

    public static WebhookProperties of(
            List<String> allowedHosts,
            List<Integer> allowedPorts,
            int concurrencyPerEndpoint,
            int maxConcurrencyPerEndpoint,
            int maxInFlight) {
        return new WebhookProperties(
                allowedHosts,
                allowedPorts,
                Duration.ofSeconds(15),
                List.of(Duration.ZERO),
                0.2,
                Duration.ofDays(5),
                concurrencyPerEndpoint,
                maxConcurrencyPerEndpoint,
                maxInFlight,
                Duration.ofHours(24));
    }
}
