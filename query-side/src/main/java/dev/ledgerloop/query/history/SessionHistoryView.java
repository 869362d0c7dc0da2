package dev.ledgerloop.query.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledgerloop.query.guest.GuestTokenReader.GuestToken;
import dev.ledgerloop.query.participant.ParticipantReader.Participant;
import dev.ledgerloop.query.session.SessionView;
import java.time.Instant;
import java.util.List;

/**
 * A session as it stood at a point of its stream (docs/api.md §Session history): the session, timeline, participants
 * and guest tokens in the shapes of the live reads, the position reflected, and the instant validity is judged at.
 */
record SessionHistoryView(
        Instant at,
        StreamPosition position,
        SessionView session,
        List<Object> timeline,
        List<Participant> participants,
        List<HistoricGuestToken> guestTokens,
        List<LoggedEvent> unreadableEvents) {

    /** A guest token as listed, and whether it admitted someone at the history's instant. */
    record HistoricGuestToken(@JsonUnwrapped GuestToken token, boolean valid) {}
}
