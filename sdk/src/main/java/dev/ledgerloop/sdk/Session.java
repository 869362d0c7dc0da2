package dev.ledgerloop.sdk;

import java.time.Instant;

/**
 * A session as the API answers it, with its title decrypted when the agent's key opens it.
 *
 * @param id the session's id
 * @param status {@code Active}, {@code Closed}, {@code Archived} or {@code Erased}
 * @param isPublic whether guests may join by token
 * @param maxGuests the guest limit, or null
 * @param title the decrypted title, or null when there is none or the agent's key cannot open it
 * @param agentId the owning agent
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 * @param lastMessageAt the last message's time, or null
 */
public record Session(
        String id,
        String status,
        boolean isPublic,
        Integer maxGuests,
        String title,
        String agentId,
        Instant createdAt,
        Instant updatedAt,
        Instant lastMessageAt) {}
