package dev.ledgerloop.events.channel;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A participant sent a message into the channel; its content is end-to-end encrypted. */
public record ChannelMessageSent(
        UUID channelId,
        UUID messageId,
        UUID senderAgentId,
        String kind,
        EncryptedEnvelope encryptedContent,
        List<UUID> participantIds)
        implements ChannelEvent {

    public ChannelMessageSent {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderAgentId, "senderAgentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(encryptedContent, "encryptedContent");
        participantIds = List.copyOf(participantIds);
    }
}
