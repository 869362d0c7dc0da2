package dev.ledgerloop.command.human;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of a {@link Human} aggregate. */
sealed interface HumanCommand {
    /** A human registers their X25519 key and, optionally, their Ed25519 signing key (both checked already). */
    record RegisterKeys(
            @TargetAggregateIdentifier UUID humanId,
            String userId,
            String publicKey,
            String fingerprint,
            String signingPublicKey,
            String signingKeyId)
            implements HumanCommand {}

    /** Changes nothing: answers the keys registered now, or fails as not found before the first registration. */
    record ReadKeys(@TargetAggregateIdentifier UUID humanId) implements HumanCommand {}

    /** A human sets their availability ({@code available}, {@code busy} or {@code away}; checked), until a time or not. */
    record SetAvailability(@TargetAggregateIdentifier UUID humanId, String userId, String status, Instant until)
            implements HumanCommand {}
}
