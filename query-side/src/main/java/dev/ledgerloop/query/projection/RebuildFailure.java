package dev.ledgerloop.query.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * A handler of a rebuilt view failed on an event its live processor has not parked. The message names where the event
 * is and the exception's class, never the event's content or the exception's message (which may quote payload
 * values, see docs/replay.md §What is stored).
 */
final class RebuildFailure extends RuntimeException {
    RebuildFailure(String view, EventMessage<?> event, Exception cause) {
        super(
                "The " + view + " handler failed on " + where(event) + ": "
                        + cause.getClass().getName(),
                cause,
                false,
                false);
    }

    private static String where(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain) {
            return domain.getType() + "-" + domain.getAggregateIdentifier() + " revision " + domain.getSequenceNumber()
                    + " (event " + event.getIdentifier() + ", "
                    + event.getPayloadType().getSimpleName() + ")";
        }
        return "event " + event.getIdentifier();
    }
}
