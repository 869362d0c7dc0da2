package dev.ledgerloop.command.interaction;

import dev.ledgerloop.command.session.InteractionSessions.Opened;
import dev.ledgerloop.command.session.InteractionSessions.Outcome;
import dev.ledgerloop.command.session.SessionResources.MessageResource;
import dev.ledgerloop.command.session.SessionResources.SessionResource;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.Priority;
import java.time.Instant;
import java.util.UUID;

/** What the legacy interaction commands answer (docs/api.md §Legacy interactions). */
final class InteractionResources {
    static final String PENDING = "pending";

    private InteractionResources() {}

    /**
     * The interaction object as its creation answers it: pending, with no response yet. The query side reads the same
     * object from the views.
     */
    record InteractionResource(
            UUID id,
            String type,
            String status,
            UUID agentId,
            EncryptedEnvelope encryptedTitle,
            UUID requestMessageId,
            EncryptedEnvelope encryptedContent,
            EncryptedEnvelope encryptedComponents,
            Priority priority,
            Instant deadlineAt,
            String referenceId,
            Object response,
            String sessionStatus,
            Instant createdAt,
            Instant updatedAt) {

        static InteractionResource of(String type, Opened opened) {
            SessionResource session = opened.session();
            MessageResource request = opened.request();
            return new InteractionResource(
                    session.id(),
                    type,
                    PENDING,
                    session.agentId(),
                    session.encryptedTitle(),
                    request.id(),
                    request.encryptedContent(),
                    request.encryptedComponents(),
                    request.priority(),
                    request.deadlineAt(),
                    request.referenceId(),
                    null,
                    session.status().name(),
                    session.createdAt(),
                    session.updatedAt());
        }
    }

    /** What cancel and acknowledge answer: the interaction, its request, and its status now. */
    record OutcomeResource(UUID id, UUID requestMessageId, String status) {
        static OutcomeResource of(Outcome outcome, String status) {
            return new OutcomeResource(outcome.sessionId(), outcome.requestMessageId(), status);
        }
    }
}
