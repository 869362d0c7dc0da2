package dev.ledgerloop.gateway.authentication;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limit on failed authentication per client address ({@code ledgerloop.gateway.failed-authentication.*}).
 *
 * @param capacity failures an address may have in a burst before it is refused without a look-up
 * @param refillPerMinute failures an address may have per minute once the burst is used
 */
@ConfigurationProperties("ledgerloop.gateway.failed-authentication")
public record FailedAuthenticationProperties(
        @DefaultValue("20") long capacity,
        @DefaultValue("20") long refillPerMinute) {}
