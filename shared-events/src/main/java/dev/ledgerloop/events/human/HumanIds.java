package dev.ledgerloop.events.human;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A human has no id of ours, only the user id of their token, which is unique within its space: their aggregate's id
 * is derived from both, as an agent's is from space and name.
 */
public final class HumanIds {
    private HumanIds() {}

    public static UUID of(UUID spaceId, String userId) {
        return UUID.nameUUIDFromBytes(("space:" + spaceId + ":human:" + userId).getBytes(StandardCharsets.UTF_8));
    }
}
