package dev.ledgerloop.events;

/** Who caused an event; the constants are spelled as they appear in the metadata JSON. */
public enum ActorKind {
    agent,
    human,
    system
}
