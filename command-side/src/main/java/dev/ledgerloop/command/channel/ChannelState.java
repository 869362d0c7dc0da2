package dev.ledgerloop.command.channel;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The channel object (docs/api.md §Channels), as a command answers it. */
record ChannelState(
        UUID id,
        String name,
        String description,
        ChannelStatus status,
        UUID createdBy,
        List<UUID> participantIds,
        Instant createdAt,
        Instant closedAt) {

    /** The channel message object, as sending answers it. */
    record ChannelMessage(
            UUID id,
            UUID channelId,
            UUID senderAgentId,
            String kind,
            EncryptedEnvelope encryptedContent,
            Instant createdAt) {}

    /** One participant, as adding it answers it. */
    record ChannelParticipant(UUID channelId, UUID agentId, Instant addedAt) {}
}
