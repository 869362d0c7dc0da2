package dev.ledgerloop.command.invocation;

/** Where an invocation stands; only a pending one can be completed, failed, cancelled or expire. */
enum InvocationStatus {
    Pending,
    Completed,
    Failed,
    Cancelled,
    Expired
}
