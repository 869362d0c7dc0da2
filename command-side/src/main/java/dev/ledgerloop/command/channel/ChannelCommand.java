package dev.ledgerloop.command.channel;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of a {@link Channel}; {@code agentId} is always the acting agent. */
sealed interface ChannelCommand {
    /** An agent opens a channel with other agents of its space (already checked to exist there). */
    record CreateChannel(UUID channelId, UUID agentId, String name, String description, List<UUID> participantIds)
            implements ChannelCommand {}

    record AddChannelParticipant(@TargetAggregateIdentifier UUID channelId, UUID agentId, UUID participantId)
            implements ChannelCommand {}

    record RemoveChannelParticipant(
            @TargetAggregateIdentifier UUID channelId, UUID agentId, UUID participantId) implements ChannelCommand {}

    record SendChannelMessage(
            @TargetAggregateIdentifier UUID channelId,
            UUID agentId,
            UUID messageId,
            String kind,
            EncryptedEnvelope encryptedContent)
            implements ChannelCommand {}

    record CloseChannel(@TargetAggregateIdentifier UUID channelId, UUID agentId) implements ChannelCommand {}
}
