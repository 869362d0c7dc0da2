package dev.ledgerloop.gateway.live;

import dev.ledgerloop.platform.principal.Principal;
import java.io.IOException;
import java.time.Duration;

/**
 * The live event streams ({@code GET /v1/agent/stream}, {@code GET /v1/human/stream}) of a query side running in
 * this JVM, which the gateway then writes to its client itself instead of proxying the query side's HTTP response:
 * one hop fewer for every event of every stream. Present only where the gateway and a single query side share a JVM
 * (the standalone system); a deployment of separate services proxies the streams as every other read.
 */
public interface InProcessEventStreams {
    /**
     * Opens the stream the query side's route would answer for this request.
     *
     * @param audience {@code agent} or {@code human}, the path's segment
     * @param lastEventId the request's {@code Last-Event-ID} header, or null
     * @param after the request's {@code after} parameter, or null
     * @throws dev.ledgerloop.gateway.error.GatewayException with the answer the query side's route gives instead (403,
     *     400 for a bad resume position, 429 over the limits of open streams)
     */
    Opened open(Principal principal, String audience, String lastEventId, String after, Output output);

    /** Where the query side writes a stream's events: whole server-sent events in their wire form, in order. */
    interface Output {
        /** @throws IOException when the client is gone or is not reading fast enough: the stream closes */
        void send(String events) throws IOException;

        /** The query side ends the stream (its timeout, its shutdown); the client reconnects and resumes. */
        void complete();
    }

    /**
     * An open stream.
     *
     * @param close closes it on the query side once the client has gone (idempotent)
     * @param timeout how long the stream stays open before the server ends it
     */
    record Opened(Runnable close, Duration timeout) {}
}
