package dev.ledgerloop.sdk;

import java.time.Instant;

/**
 * A system item of a timeline: {@code participant.added}, {@code participant.role_changed}, {@code
 * participant.removed}, {@code session.closed}, {@code session.archived}.
 *
 * @param id the item's id
 * @param sessionId its session
 * @param event what happened
 * @param userId the participant concerned, or null
 * @param role the participant's role, or null
 * @param createdAt when it happened
 */
public record SystemEvent(String id, String sessionId, String event, String userId, String role, Instant createdAt)
        implements TimelineItem {}
