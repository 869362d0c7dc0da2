package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.util.UUID;

/** What an edit answers: the message's new content and when it was edited. */
record EditedMessageResource(
        UUID id,
        UUID sessionId,
        EncryptedEnvelope encryptedContent,
        EncryptedEnvelope encryptedComponents,
        Instant editedAt) {}
