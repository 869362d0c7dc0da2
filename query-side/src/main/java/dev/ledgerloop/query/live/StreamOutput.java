package dev.ledgerloop.query.live;

import java.io.IOException;

/**
 * Where an open live stream writes: its client's response. The servlet route writes through an {@code SseEmitter}; a
 * gateway in the same JVM takes the text itself ({@link StreamRequests}). Calls come from several threads (the
 * stream's drains, the heartbeat, typing signals), never two at once for the same stream's events in a way that
 * reorders them: each call is one or more whole server-sent events, in the order they are to be sent.
 */
public interface StreamOutput {
    /**
     * Sends whole server-sent events, already in their wire form.
     *
     * @throws IOException when the client is gone or cannot keep up: the stream closes and the client resumes with
     *     the last id it received
     */
    void send(String events) throws IOException;

    /** Ends the response normally (the server closes the stream: timeout, shutdown); the client reconnects. */
    void complete();
}
