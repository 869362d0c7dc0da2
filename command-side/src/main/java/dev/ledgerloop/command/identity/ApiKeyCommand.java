package dev.ledgerloop.command.identity;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of an {@link ApiKey}. */
sealed interface ApiKeyCommand {
    /**
     * Issue an agent API key, given only its hash, with its permissions ({@code KeyPermissions}); send it with the
     * space's {@code EventContext}.
     */
    record IssueApiKey(UUID keyId, String keyHash, UUID agentId, String agentName, List<String> permissions)
            implements ApiKeyCommand {}

    /** Revoke an agent's API key; another agent's or another space's key does not exist for this command. */
    record RevokeApiKey(@TargetAggregateIdentifier UUID keyId, UUID agentId) implements ApiKeyCommand {}
}
