package dev.ledgerloop.query.history;

import dev.ledgerloop.eventstore.UnreadableEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * What a fold went through: every event of the prefix in order, the last one (the position the history reflects) and
 * those the codec could not decode, which no view applied.
 */
final class Folded {
    private final List<TrackedEventMessage<?>> events = new ArrayList<>();
    private final List<LoggedEvent> unreadable = new ArrayList<>();

    /** Takes an event into the account; false for one no view may apply. */
    boolean pass(TrackedEventMessage<?> event) {
        events.add(event);
        if (event.getPayload() instanceof UnreadableEvent) {
            // A live processor parks it (docs/replay.md); a history shows it and goes on with the events after it.
            unreadable.add(LoggedEvent.of(event));
            return false;
        }
        return true;
    }

    List<TrackedEventMessage<?>> events() {
        return events;
    }

    TrackedEventMessage<?> last() {
        return events.get(events.size() - 1);
    }

    DomainEventMessage<?> lastEvent() {
        return (DomainEventMessage<?>) last();
    }

    StreamPosition position() {
        return StreamPosition.of(last());
    }

    List<LoggedEvent> unreadable() {
        return unreadable;
    }
}
