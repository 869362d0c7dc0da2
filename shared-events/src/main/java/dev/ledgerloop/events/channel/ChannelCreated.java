package dev.ledgerloop.events.channel;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An agent ({@code createdBy}, itself a participant) opened a channel with these participants. */
public record ChannelCreated(UUID channelId, String name, String description, UUID createdBy, List<UUID> participantIds)
        implements ChannelEvent {

    public ChannelCreated {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdBy, "createdBy");
        participantIds = List.copyOf(participantIds);
    }
}
