package dev.ledgerloop.events.channel;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A participant ({@code removedBy}, possibly the agent itself) removed an agent from the channel; {@code
 * participantIds} no longer holds it.
 */
public record ChannelParticipantRemoved(UUID channelId, UUID agentId, UUID removedBy, List<UUID> participantIds)
        implements ChannelEvent {

    public ChannelParticipantRemoved {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(removedBy, "removedBy");
        participantIds = List.copyOf(participantIds);
    }
}
