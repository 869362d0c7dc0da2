package dev.ledgerloop.events.session;

/** A human's role in a session (docs/api.md §Participants), spelled as the API spells it. */
public enum ParticipantRole {
    owner,
    admin,
    member,
    viewer,
    guest;

    /** Viewers only read; everyone else, guests included, may also send and answer. */
    public boolean mayAnswer() {
        return this != viewer;
    }
}
