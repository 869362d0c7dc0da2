package dev.ledgerloop.query;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import java.util.List;
import java.util.UUID;

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
}
