package dev.ledgerloop.command.delivery;

/** Where a delivery stands: waiting for an attempt, done, failed with a retry due, or given up. */
public enum DeliveryStatus {
    Pending,
    Succeeded,
    Failed,
    Exhausted
}
