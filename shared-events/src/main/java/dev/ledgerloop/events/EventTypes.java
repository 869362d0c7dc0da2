package dev.ledgerloop.events;

import dev.ledgerloop.events.agent.AgentRegistered;
import dev.ledgerloop.events.apikey.ApiKeyIssued;
import dev.ledgerloop.events.apikey.ApiKeyRevoked;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of stored event types. Names are literals, not {@code getSimpleName()}, so renaming a record can never
 * silently change what is written to the log.
 */
public final class EventTypes {
    private static final List<EventType> ALL = List.of(
            // session-<id>
            new EventType("SessionOpened", 1, SessionOpened.class),
            new EventType("MessageSent", 1, MessageSent.class),
            new EventType("SessionClosed", 1, SessionClosed.class),
            // agent-<id>
            new EventType("AgentRegistered", 1, AgentRegistered.class),
            // apikey-<id>
            new EventType("ApiKeyIssued", 1, ApiKeyIssued.class),
            new EventType("ApiKeyRevoked", 1, ApiKeyRevoked.class));

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private EventTypes() {}

    public static EventType of(AggregateEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<? extends AggregateEvent> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("No event type registered for " + recordClass.getName());
        }
        return type;
    }

    public static Optional<EventType> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Collection<EventType> all() {
        return ALL;
    }
}
