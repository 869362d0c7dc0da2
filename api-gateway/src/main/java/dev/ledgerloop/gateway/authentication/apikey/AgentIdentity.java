package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.platform.principal.AgentNames;
import java.util.UUID;

/**
 * The agent a request acts as: the key's default agent, or the one named in {@code X-Hiloop}.
 *
 * <p>A named agent's id is derived from the space and the name ({@link AgentNames#agentId}), so the same name always
 * acts as the same agent without a lookup; the {@code AgentRegistrar} has it registered (an {@code AgentRegistered}
 * event) under that id the first time it acts.
 */
record AgentIdentity(UUID agentId, String agentName) {
    static boolean isValidName(String name) {
        return AgentNames.isValid(name);
    }

    static AgentIdentity derived(UUID spaceId, String agentName) {
        return new AgentIdentity(AgentNames.agentId(spaceId, agentName), agentName);
    }

    /** The key's default agent when no name is asked for or the default name is; otherwise the named agent. */
    static AgentIdentity of(ApiKey key, String requestedName) {
        if (requestedName == null || requestedName.equals(key.defaultAgentName())) {
            return new AgentIdentity(key.defaultAgentId(), key.defaultAgentName());
        }
        return derived(key.spaceId(), requestedName);
    }
}
