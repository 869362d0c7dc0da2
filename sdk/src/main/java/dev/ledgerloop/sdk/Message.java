package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A message as the API answers it, decrypted where the agent's key opens it.
 *
 * @param id the message's id
 * @param sessionId its session
 * @param senderType {@code Agent}, {@code Human} or {@code System}
 * @param senderAgentId the sending agent, or null
 * @param senderUserId the sending human, or null
 * @param text the content's markdown, or null when unreadable or deleted
 * @param components the components as a JSON array, or null when there are none, they are unreadable or deleted
 * @param readable whether the content was opened
 * @param responseRequired whether it asks for an answer
 * @param status {@code Pending}, {@code Completed}, {@code Cancelled} or {@code Expired}
 * @param priority {@code Low} .. {@code Urgent}
 * @param deadlineAt its deadline, or null
 * @param referenceId the agent's reference, or null
 * @param createdAt when it was sent
 * @param editedAt when it was last edited, or null
 * @param deletedAt when it was deleted, or null
 * @param encryptedContent the content's envelope as stored (null when deleted)
 * @param encryptedComponents the components' envelope as stored, or null
 */
public record Message(
        String id,
        String sessionId,
        String senderType,
        String senderAgentId,
        String senderUserId,
        String text,
        JsonNode components,
        boolean readable,
        boolean responseRequired,
        String status,
        String priority,
        Instant deadlineAt,
        String referenceId,
        Instant createdAt,
        Instant editedAt,
        Instant deletedAt,
        JsonNode encryptedContent,
        JsonNode encryptedComponents)
        implements TimelineItem {}
