package dev.ledgerloop.query.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How far a client of the query side's stream route may fall behind ({@code ledgerloop.live.stream.*}): past either
 * bound its stream ends after what is queued, and it resumes with the last id it received.
 *
 * @param maxQueuedEvents writes waiting for the client
 * @param maxQueuedBytes their size
 */
@ConfigurationProperties("ledgerloop.live.stream")
record StreamBounds(
        @DefaultValue("1024") int maxQueuedEvents,
        @DefaultValue("8MB") DataSize maxQueuedBytes) {}
