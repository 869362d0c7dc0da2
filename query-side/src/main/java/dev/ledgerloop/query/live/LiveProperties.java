package dev.ledgerloop.query.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on long-lived requests ({@code ledgerloop.live.*}, query side): {@code await} long-polls and server-sent
 * event streams.
 *
 * @param maxPerPrincipal long-lived requests one credential (an agent, a human, a guest) may hold open at once
 * @param maxPerSpace long-lived requests all credentials of one space may hold open at once
 * @param streamTimeout how long a stream stays open before the server ends it (clients reconnect)
 * @param heartbeat how often an idle stream gets a comment line, so proxies and the gateway keep it open
 */
@ConfigurationProperties("ledgerloop.live")
record LiveProperties(
        @DefaultValue("100") int maxPerPrincipal,
        @DefaultValue("2000") int maxPerSpace,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("15s") Duration heartbeat) {}
