package dev.ledgerloop.gateway.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The live event streams the gateway writes itself ({@code ledgerloop.gateway.streams.*}; see {@link
 * InProcessEventStreams}).
 *
 * @param inProcess whether to serve the streams of a query side in this JVM directly (false: proxy them over HTTP)
 * @param maxQueuedEvents writes waiting for a slow client; one more ends its stream (it resumes from its last id)
 * @param maxQueuedBytes the same bound on their size
 */
@ConfigurationProperties("ledgerloop.gateway.streams")
record StreamProperties(
        @DefaultValue("true") boolean inProcess,
        @DefaultValue("1024") int maxQueuedEvents,
        @DefaultValue("8MB") DataSize maxQueuedBytes) {}
