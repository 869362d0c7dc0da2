package dev.ledgerloop.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-credential rate limit ({@code ledgerloop.gateway.rate-limit.*}): a token bucket per API key and per human.
 *
 * @param enabled false switches the limit off (e.g. for a load test)
 * @param capacity the burst: requests a credential may make at once after being idle
 * @param refillPerSecond the sustained rate the bucket refills at
 */
@ConfigurationProperties("ledgerloop.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") long capacity,
        @DefaultValue("50") long refillPerSecond) {}
