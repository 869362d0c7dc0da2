package dev.ledgerloop.events.session;

/** A human's role in a session (API.md §Sessions), spelled as the API spells it. */
public enum ParticipantRole {
    owner,
    admin,
    member,
    viewer,
    guest;

    /** Viewers and guests read; everyone else may also send and answer. */
    public boolean mayAnswer() {
        return this != viewer;
    }
}
