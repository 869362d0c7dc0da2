package dev.ledgerloop.command.session;

/** docs/api.md's session statuses, spelled as the API spells them. */
public enum SessionStatus {
    Active,
    Closed,
    Archived
}
