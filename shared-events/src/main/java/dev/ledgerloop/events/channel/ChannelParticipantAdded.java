package dev.ledgerloop.events.channel;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A participant ({@code addedBy}) added an agent of the space to the channel. */
public record ChannelParticipantAdded(UUID channelId, UUID agentId, UUID addedBy, List<UUID> participantIds)
        implements ChannelEvent {

    public ChannelParticipantAdded {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(addedBy, "addedBy");
        participantIds = List.copyOf(participantIds);
    }
}
