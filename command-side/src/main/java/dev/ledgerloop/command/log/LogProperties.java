package dev.ledgerloop.command.log;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The verifiable log's settings ({@code ledgerloop.log.*}, docs/verifiable-record.md).
 *
 * @param name the deployment's name: the checkpoints' origin is {@code <name>/spaces/<spaceId>} and the signing key is
 *     named after it; no spaces or {@code +}
 * @param signingKey base64 of the 32-byte Ed25519 private key that signs checkpoints (required, never logged)
 * @param checkpointInterval the least time between two checkpoints of one space while its tree grows
 * @param pageSize events read from {@code $all} at a time
 * @param enabled false stops building the log and signing checkpoints (for measuring its cost; the endpoints stay)
 * @param audit false stops the continuous verification (it reads {@code $all} a second time)
 * @param batchDelay how long the builder and the audit let new events gather once they are woken at the end of
 *     {@code $all}, so that they read and store a page of them at once instead of one page per event
 */
@ConfigurationProperties("ledgerloop.log")
record LogProperties(
        @DefaultValue("ledgerloop") String name,
        String signingKey,
        @DefaultValue("1s") Duration checkpointInterval,
        @DefaultValue("256") int pageSize,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean audit,
        @DefaultValue("100ms") Duration batchDelay) {

    @Override
    public String toString() {
        return "LogProperties[name=" + name + ", signingKey=" + (signingKey == null ? "unset" : "(set)")
                + ", checkpointInterval=" + checkpointInterval + ", pageSize=" + pageSize + ", enabled=" + enabled
                + ", audit=" + audit + ", batchDelay=" + batchDelay + "]";
    }
}
