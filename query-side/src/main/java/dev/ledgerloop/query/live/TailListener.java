package dev.ledgerloop.query.live;

import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Hears every event this instance's log tail reads ({@link EventStreams}), in log order, as it is read: what happens
 * anywhere reaches every query-side instance this way, whichever instance projects it. Called on the tail's thread:
 * must return at once (hand real work to a thread of its own).
 */
public interface TailListener {
    void onTailEvent(TrackedEventMessage<?> message);
}
