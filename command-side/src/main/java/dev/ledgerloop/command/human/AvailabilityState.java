package dev.ledgerloop.command.human;

import java.time.Instant;

/** The availability a human set, as {@code PUT /v1/human/availability} answers it. */
record AvailabilityState(String userId, String status, Instant until, Instant setAt) {}
