package dev.ledgerloop.query;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/** Messages as the views' tests send them: an agent's, with an envelope the views store without opening. */
public final class TestMessages {
    private TestMessages() {}

    public static MessageSent fromAgent(UUID session, UUID agent, boolean responseRequired, Priority priority) {
        return new MessageSent(
                session,
                UUID.randomUUID(),
                SenderType.Agent,
                agent,
                null,
                new EncryptedEnvelope(
                        1, EncryptedEnvelope.ALGORITHM, "AAAA", List.of(new Wrapping("k", "AAAA", "AAAA"))),
                null,
                responseRequired,
                priority,
                null,
                null);
    }

    /** An event of a session's stream as a processor hands it to a view. */
    public static EventMessage<?> sessionEvent(
            UUID session, long sequence, Object payload, MetaData context, Instant at) {
        return new GenericDomainEventMessage<>(
                "Session",
                session.toString(),
                sequence,
                payload,
                context,
                UUID.randomUUID().toString(),
                at);
    }
}
