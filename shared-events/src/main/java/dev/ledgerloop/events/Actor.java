package dev.ledgerloop.events;

/** The agent, human or system that caused an event: an agent id, a user id (JWT {@code sub}) or a component name. */
public record Actor(String id, ActorKind kind) {

    public static Actor agent(String id) {
        return new Actor(id, ActorKind.agent);
    }

    public static Actor human(String id) {
        return new Actor(id, ActorKind.human);
    }

    public static Actor system(String id) {
        return new Actor(id, ActorKind.system);
    }
}
