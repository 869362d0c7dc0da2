package dev.ledgerloop.command.space;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the space owner may ask of their {@link Space}. */
sealed interface SpaceCommand {
    /** Sets the space's X25519 public key (checked already; {@code keyId} is its id). */
    record SetEncryptionKey(@TargetAggregateIdentifier UUID spaceId, String publicKey, String keyId)
            implements SpaceCommand {}

    /** Changes the space's defaults for new sessions. */
    record ChangeSettings(@TargetAggregateIdentifier UUID spaceId, boolean requireSignedAnswers)
            implements SpaceCommand {}

    /** Changes nothing: answers the settings, or fails as not found before the owner set anything. */
    record ReadSettings(@TargetAggregateIdentifier UUID spaceId) implements SpaceCommand {}
}
