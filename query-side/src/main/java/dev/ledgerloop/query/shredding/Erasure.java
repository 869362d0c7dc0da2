package dev.ledgerloop.query.shredding;

import java.util.Map;

/** How views mark what a shredded session held (docs/api.md §Shredding): {@code erased: true}, content null. */
public final class Erasure {
    public static final String ERASED = "erased";
    /** The status of a shredded session. */
    public static final String STATUS = "Erased";

    /** The system item a lifecycle event of an erased session leaves on its timeline, by stored event type. */
    public static final Map<String, String> SYSTEM_EVENTS = Map.of(
            "ParticipantAdded", "participant.added",
            "ParticipantRoleChanged", "participant.role_changed",
            "ParticipantRemoved", "participant.removed",
            "SessionClosed", "session.closed",
            "SessionArchived", "session.archived");

    private Erasure() {}
}
