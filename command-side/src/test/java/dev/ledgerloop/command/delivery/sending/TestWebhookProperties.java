package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.webhook.WebhookProperties;
import java.time.Duration;
import java.util.List;

/** Webhook settings for the sending machinery's tests: one immediate attempt, lanes and allowed targets as given. */
final class TestWebhookProperties {
    private TestWebhookProperties() {}

    static WebhookProperties of(
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
