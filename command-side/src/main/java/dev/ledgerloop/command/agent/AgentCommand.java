package dev.ledgerloop.command.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.agent.RegisteredCommand;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of an {@link Agent}. */
public sealed interface AgentCommand {
    /** Register an agent identity unless it is registered already; send it with the space's {@code EventContext}. */
    record RegisterAgent(@TargetAggregateIdentifier UUID agentId, String name, String description)
            implements AgentCommand {}

    /** An agent replaces the set of commands humans may invoke on it. */
    record RegisterCommands(@TargetAggregateIdentifier UUID agentId, List<RegisteredCommand> commands)
            implements AgentCommand {}

    /** An agent registers its X25519 public key (checked; {@code fingerprint} is its id). */
    record RegisterPublicKey(@TargetAggregateIdentifier UUID agentId, String publicKey, String fingerprint)
            implements AgentCommand {}

    /**
     * Check that a human may invoke the agent's command with these plain arguments (null when only encrypted ones
     * come): the agent is in the caller's space, has the command, and the arguments satisfy its schema. Changes nothing;
     * answers the {@link dev.ledgerloop.events.agent.RegisteredCommand}.
     */
    record ValidateInvocation(@TargetAggregateIdentifier UUID agentId, String command, JsonNode arguments)
            implements AgentCommand {}

    /** Check that the agent exists in the caller's space (a channel participant must); changes nothing. */
    record RequireAgent(@TargetAggregateIdentifier UUID agentId) implements AgentCommand {}

    /** An agent publishes its public profile (checked; the slug claimed for it already). */
    record PublishProfile(
            @TargetAggregateIdentifier UUID agentId,
            String slug,
            String displayName,
            String description,
            String websiteUrl)
            implements AgentCommand {}
}
