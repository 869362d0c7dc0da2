package dev.ledgerloop.events.session;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** Everything that happens to a session, stored on its stream {@code session-<sessionId>}. */
public sealed interface SessionEvent extends AggregateEvent
        permits SessionOpened,
                MessageSent,
                MessageEdited,
                MessageDeleted,
                ResponseSubmitted,
                InteractionAcknowledged,
                InteractionCancelled,
                MessageExpired,
                ParticipantAdded,
                ParticipantRoleChanged,
                ParticipantRemoved,
                GuestTokenCreated,
                GuestTokenRevoked,
                GuestTokenRedeemed,
                AttachmentUploaded,
                SessionClosed,
                SessionArchived {
    UUID sessionId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.SESSION;
    }

    @Override
    default UUID aggregateId() {
        return sessionId();
    }
}
