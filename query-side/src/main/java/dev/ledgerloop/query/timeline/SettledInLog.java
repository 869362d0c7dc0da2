package dev.ledgerloop.query.timeline;

import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import java.util.Iterator;
import java.util.UUID;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * Whether the log already settled a message that the timeline view still shows as waiting for the agent: acknowledged,
 * cancelled, expired or deleted after the event the view's document reflects. The view follows the log a little later
 * (seconds under load), and the acknowledgement's 200 comes from the command side once the log has it, so an agent that
 * acknowledges an answer and awaits again at once would otherwise be handed the answer it has just acknowledged
 * (docs/api.md §Await).
 */
@Component
class SettledInLog {
    /** The aggregate type the command side's {@code Session} writes its events under. */
    private static final String SESSION = "Session";

    private final EventStoreDbStorageEngine engine;

    SettledInLog(EventStoreDbStorageEngine engine) {
        this.engine = engine;
    }

    /** True if an event of the session after {@code revision} acknowledged, cancelled, expired or deleted it. */
    boolean after(UUID sessionId, String messageId, long revision) {
        UUID message = UUID.fromString(messageId);
        Iterator<TrackedEventMessage<?>> events = engine.readRecorded(SESSION, sessionId.toString(), revision + 1);
        while (events.hasNext()) {
            if (settles(events.next().getPayload(), message)) {
                return true;
            }
        }
        return false;
    }

    private static boolean settles(Object event, UUID message) {
        return event instanceof InteractionAcknowledged acknowledged
                        && acknowledged.messageId().equals(message)
                || event instanceof InteractionCancelled cancelled
                        && cancelled.messageId().equals(message)
                || event instanceof MessageExpired expired
                        && expired.messageId().equals(message)
                || event instanceof MessageDeleted deleted
                        && deleted.messageId().equals(message);
    }
}
