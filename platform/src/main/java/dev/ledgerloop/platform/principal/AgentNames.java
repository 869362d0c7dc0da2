package dev.ledgerloop.platform.principal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Agent names ({@code X-Hiloop}, docs/api.md §Authentication) and the id a name stands for in a space: a name-based
 * UUID, so the gateway knows an agent's id without a lookup and the command side registers it under the same id.
 */
public final class AgentNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private AgentNames() {}

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The id of the agent called {@code name} in {@code spaceId}; the same everywhere, forever. */
    public static UUID agentId(UUID spaceId, String name) {
        return UUID.nameUUIDFromBytes(("space:" + spaceId + ":agent:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
