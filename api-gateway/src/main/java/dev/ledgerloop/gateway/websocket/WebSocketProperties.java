package dev.ledgerloop.gateway.websocket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The live WebSocket's bounds ({@code ledgerloop.gateway.websocket.*}, docs/api.md §WebSocket).
 *
 * @param maxQueuedFrames frames waiting for a slow client; one more closes the socket with 1008
 * @param maxQueuedBytes the same bound on the frames' size
 * @param sendTimeout how long a send may wait for its answer before it is acknowledged 504
 * @param maxConcurrentSends sends of one socket in flight at once; further frames wait (unread)
 */
@ConfigurationProperties("ledgerloop.gateway.websocket")
record WebSocketProperties(
        @DefaultValue("1000") int maxQueuedFrames,
        @DefaultValue("8MB") DataSize maxQueuedBytes,
        @DefaultValue("35s") Duration sendTimeout,
        @DefaultValue("8") int maxConcurrentSends) {}
