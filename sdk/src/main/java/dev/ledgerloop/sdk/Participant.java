package dev.ledgerloop.sdk;

import java.time.Instant;

/**
 * A participant of a session.
 *
 * @param userId the human's user id
 * @param role {@code owner}, {@code admin}, {@code member}, {@code viewer} or {@code guest}
 * @param name the display name, or null
 * @param addedAt when they were added (null in the answer to adding)
 */
public record Participant(String userId, String role, String name, Instant addedAt) {}
