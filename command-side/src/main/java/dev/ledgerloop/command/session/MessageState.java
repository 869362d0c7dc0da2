package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What the Session aggregate remembers of one message to decide on later commands. */
final class MessageState {
    enum Status {
        Pending,
        Completed,
        Cancelled,
        Expired
    }

    final UUID id;
    final UUID senderAgentId;
    final boolean responseRequired;
    final Instant deadlineAt;
    Status status;
    /** The content as it stands now, after edits: what a signed answer's request hash covers. */
    EncryptedEnvelope content;

    EncryptedEnvelope components;
    boolean answered;
    boolean deleted;

    MessageState(
            UUID id,
            UUID senderAgentId,
            boolean responseRequired,
            Instant deadlineAt,
            EncryptedEnvelope content,
            EncryptedEnvelope components) {
        this.id = id;
        this.content = content;
        this.components = components;
        this.senderAgentId = senderAgentId;
        this.responseRequired = responseRequired;
        this.deadlineAt = deadlineAt;
        this.status = responseRequired ? Status.Pending : Status.Completed;
    }

    // Axon's test fixture compares the state an aggregate reached by handling with the state replay rebuilds.
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MessageState)) {
            return false;
        }
        MessageState that = (MessageState) other;
        return id.equals(that.id)
                && Objects.equals(senderAgentId, that.senderAgentId)
                && responseRequired == that.responseRequired
                && Objects.equals(deadlineAt, that.deadlineAt)
                && status == that.status
                && answered == that.answered
                && deleted == that.deleted
                && Objects.equals(content, that.content)
                && Objects.equals(components, that.components);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Waiting for an answer: required, not answered, not cancelled, expired or deleted. */
    boolean awaitsAnswer() {
        return responseRequired && !answered && !deleted && status == Status.Pending;
    }

    /** Answered but not yet acknowledged by the agent. */
    boolean awaitsAcknowledgement() {
        return responseRequired && answered && !deleted && status == Status.Pending;
    }
}
