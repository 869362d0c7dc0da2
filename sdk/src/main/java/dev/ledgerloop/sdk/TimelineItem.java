package dev.ledgerloop.sdk;

import java.time.Instant;

/** An item of a session's timeline: a {@link Message}, a {@link Response} or a {@link SystemEvent}. */
public sealed interface TimelineItem permits Message, Response, SystemEvent {
    /** The item's id. */
    String id();

    /** When it happened. */
    Instant createdAt();
}
