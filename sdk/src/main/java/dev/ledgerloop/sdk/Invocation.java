package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An invocation of one of the agent's commands.
 *
 * @param id its id
 * @param agentId the agent
 * @param sessionId the session it was made in, or null
 * @param command the command's name
 * @param arguments the arguments: the plain ones, or the encrypted ones decrypted; null when none or unreadable
 * @param status {@code Pending}, {@code Completed}, {@code Failed}, {@code Cancelled} or {@code Expired}
 * @param requestedBy the human who invoked it
 * @param error the failure's message, or null
 * @param erased whether its session was shredded
 * @param createdAt when it was made
 * @param completedAt when it ended, or null
 */
public record Invocation(
        String id,
        String agentId,
        String sessionId,
        String command,
        JsonNode arguments,
        String status,
        String requestedBy,
        String error,
        boolean erased,
        Instant createdAt,
        Instant completedAt) {}
