package dev.ledgerloop.query.history;

import java.time.Instant;
import java.util.List;

/**
 * Whether a person could answer in a session at an instant (docs/api.md §Session history), by the session's rules:
 * a participant whose role may answer, in an active session. {@code decidedBy} are the events that settled it: the
 * person's last participant change and the session's last status change.
 */
record Authority(
        String userId,
        Instant at,
        boolean participant,
        String role,
        String sessionStatus,
        boolean mayAnswer,
        String reason,
        List<DecidingEvent> decidedBy,
        StreamPosition position) {

    record DecidingEvent(long revision, String type, Instant at) {}
}
