package dev.ledgerloop.gateway.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the gateway waits for a backend's answer ({@code ledgerloop.gateway.response-timeouts.*}); past it the
 * caller gets 504 and the backend connection is closed.
 *
 * @param standard every route but the two below
 * @param longPoll {@code GET .../await}: for the answer's headers, longer than the longest wait a caller may ask for
 *     (300 s)
 * @param stream server-sent event streams: between two reads of the stream, longer than the backends' heartbeat
 */
@ConfigurationProperties("ledgerloop.gateway.response-timeouts")
record ResponseTimeouts(
        @DefaultValue("30s") Duration standard,
        @DefaultValue("330s") Duration longPoll,
        @DefaultValue("60s") Duration stream) {}
