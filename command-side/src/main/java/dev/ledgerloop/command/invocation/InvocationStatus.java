package dev.ledgerloop.command.invocation;

/** Where an invocation stands; only a pending one can be completed, failed or cancelled. */
enum InvocationStatus {
    Pending,
    Completed,
    Failed,
    Cancelled
}
