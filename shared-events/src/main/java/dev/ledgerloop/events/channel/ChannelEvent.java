package dev.ledgerloop.events.channel;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.List;
import java.util.UUID;

/**
 * Everything that happens to an agent-to-agent channel, stored on its stream {@code channel-<channelId>}. Each event
 * carries the channel's participants as they are after it ({@link #participantIds}), so whom it concerns (its live
 * stream and webhook audience) follows from the event alone, also when it is read again long after.
 */
public sealed interface ChannelEvent extends AggregateEvent
        permits ChannelCreated, ChannelParticipantAdded, ChannelParticipantRemoved, ChannelMessageSent, ChannelClosed {
    UUID channelId();

    /** The agents taking part in the channel after this event. */
    List<UUID> participantIds();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.CHANNEL;
    }

    @Override
    default UUID aggregateId() {
        return channelId();
    }
}
