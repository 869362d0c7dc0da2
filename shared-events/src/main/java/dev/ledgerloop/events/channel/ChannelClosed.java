package dev.ledgerloop.events.channel;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A participant closed the channel: it keeps its messages and participants but takes no more messages. */
public record ChannelClosed(UUID channelId, UUID closedBy, List<UUID> participantIds) implements ChannelEvent {

    public ChannelClosed {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(closedBy, "closedBy");
        participantIds = List.copyOf(participantIds);
    }
}
