package dev.ledgerloop.events.log;

import java.util.Objects;
import java.util.UUID;

/**
 * The continuous verification of the space's log found what does not hold (docs/verifiable-record.md, "Continuous
 * verification"): {@code check} is {@code chain}, {@code checkpoint-signature} or {@code checkpoint-root}; {@code
 * eventId} names the event at fault when there is one; {@code treeSize} is how far the log was verified.
 */
public record LogAuditFailed(UUID spaceId, String check, String eventId, long treeSize, String reason)
        implements LogEvent {

    public LogAuditFailed {
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
    }
}
