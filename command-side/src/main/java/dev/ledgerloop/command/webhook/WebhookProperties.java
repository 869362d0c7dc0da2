package dev.ledgerloop.command.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings ({@code ledgerloop.webhooks.*}).
 *
 * @param allowedHosts hosts or addresses that may be targets although they are loopback, private or link-local, on
 *     any port
 * @param allowedPorts ports a target may use besides 80 and 443
 * @param timeout how long one attempt may take as a whole: connecting, sending, the answer's headers and its body
 * @param retrySchedule the delay before each attempt (the first usually zero); after the last the delivery is exhausted
 * @param jitter the share of each delay added or taken at random, so retries of many deliveries spread out
 * @param disableAfter how long an endpoint may fail without a single success before it is disabled
 * @param concurrencyPerEndpoint attempts in flight to one endpoint at first; the limit then adapts to how the endpoint
 *     answers, between 1 and {@code maxConcurrencyPerEndpoint}
 * @param maxConcurrencyPerEndpoint attempts in flight to one endpoint at most, however well it answers
 * @param maxInFlight attempts in flight to all endpoints at most
 * @param secretOverlap how long a rotated-out secret keeps signing
 */
@ConfigurationProperties("ledgerloop.webhooks")
public record WebhookProperties(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue List<Integer> allowedPorts,
        @DefaultValue("15s") Duration timeout,

        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"})
        List<Duration> retrySchedule,

        @DefaultValue("0.2") double jitter,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("4") int concurrencyPerEndpoint,
        @DefaultValue("32") int maxConcurrencyPerEndpoint,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("24h") Duration secretOverlap) {}
