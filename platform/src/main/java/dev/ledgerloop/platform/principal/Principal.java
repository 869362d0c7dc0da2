package dev.ledgerloop.platform.principal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import java.util.UUID;

/**
 * Who a request acts as, established by the gateway and trusted by the backends only when its signature verifies.
 *
 * @param kind an agent (API key), a human (JWT) or a provisioning key (may only create agents and their keys)
 * @param spaceId the tenant; every read and write is confined to it
 * @param subjectId the agent's id, the human's user id ({@code sub}), or a provisioning key's id
 * @param agentName the agent name ({@code X-Hiloop}) for agents, null for humans
 * @param keyId the API key's id for agents and provisioning keys, null for humans
 */
public record Principal(Kind kind, UUID spaceId, String subjectId, String agentName, String keyId) {
    public enum Kind {
        agent,
        human,
        provisioning
    }

    public Principal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(subjectId, "subjectId");
    }

    public static Principal agent(UUID spaceId, UUID agentId, String agentName, String keyId) {
        return new Principal(Kind.agent, spaceId, agentId.toString(), agentName, keyId);
    }

    /** The user ids of guests who joined through a public link start with this; no token issuer may use it. */
    public static final String GUEST_PREFIX = "guest-";

    public static boolean isGuestId(String userId) {
        return userId.startsWith(GUEST_PREFIX);
    }

    /** A guest who has no account: a human with a new {@code guest-<uuid>} user id. */
    public static Principal newGuest(UUID spaceId) {
        return human(spaceId, GUEST_PREFIX + UUID.randomUUID());
    }

    public static Principal human(UUID spaceId, String userId) {
        return new Principal(Kind.human, spaceId, userId, null, null);
    }

    /** A provisioning key ({@code hlp_prov_...}): it may only call {@code /v1/provision/**}. */
    public static Principal provisioning(UUID spaceId, String keyId) {
        return new Principal(Kind.provisioning, spaceId, keyId, null, keyId);
    }

    @JsonIgnore
    public boolean isHuman() {
        return kind == Kind.human;
    }

    @JsonIgnore
    public boolean isProvisioning() {
        return kind == Kind.provisioning;
    }

    @JsonIgnore
    public boolean isAgent() {
        return kind == Kind.agent;
    }
}
