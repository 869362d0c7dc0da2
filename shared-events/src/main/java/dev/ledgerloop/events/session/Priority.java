package dev.ledgerloop.events.session;

/** How urgently a message wants attention; spelled as the API spells it. */
public enum Priority {
    Low,
    Medium,
    High,
    Urgent
}
