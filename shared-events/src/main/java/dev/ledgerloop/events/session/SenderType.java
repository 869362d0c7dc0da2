package dev.ledgerloop.events.session;

/** Who sent a message; spelled as the API spells it. */
public enum SenderType {
    Agent,
    Human,
    System
}
