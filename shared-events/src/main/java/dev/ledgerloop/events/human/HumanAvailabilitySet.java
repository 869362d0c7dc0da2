package dev.ledgerloop.events.human;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A human said how available they are for interactions: {@code available}, {@code busy} or {@code away}, until a
 * time or until they say otherwise (docs/api.md §Space users).
 *
 * @param until when the status ends (after that it reads as unset), or null
 */
public record HumanAvailabilitySet(UUID humanId, String userId, String status, Instant until) implements HumanEvent {

    public HumanAvailabilitySet {
        Objects.requireNonNull(humanId, "humanId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }
}
