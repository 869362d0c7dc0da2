package dev.ledgerloop.gateway.authentication.apikey;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The agent a request acts as: the key's default agent, or the one named in {@code X-Hiloop}.
 *
 * <p>For now a named agent's id is derived from the space and the name (a name-based UUID), so the same name always
 * acts as the same agent without any stored state. A later issue registers agents with events (auto-created on first
 * use, DESIGN.md §3) and looks their ids up instead; it must keep these ids for agents that already acted.
 */
record AgentIdentity(UUID agentId, String agentName) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static AgentIdentity derived(UUID spaceId, String agentName) {
        byte[] seed = ("space:" + spaceId + ":agent:" + agentName).getBytes(StandardCharsets.UTF_8);
        return new AgentIdentity(UUID.nameUUIDFromBytes(seed), agentName);
    }

    /** The key's default agent when no name is asked for or the default name is; otherwise the named agent. */
    static AgentIdentity of(ApiKey key, String requestedName) {
        if (requestedName == null || requestedName.equals(key.defaultAgentName())) {
            return new AgentIdentity(key.defaultAgentId(), key.defaultAgentName());
        }
        return derived(key.spaceId(), requestedName);
    }
}
