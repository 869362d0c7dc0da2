package dev.ledgerloop.query.channel;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.channel.ChannelClosed;
import dev.ledgerloop.events.channel.ChannelCreated;
import dev.ledgerloop.events.channel.ChannelMessageSent;
import dev.ledgerloop.events.channel.ChannelParticipantAdded;
import dev.ledgerloop.events.channel.ChannelParticipantRemoved;
import dev.ledgerloop.query.Envelopes;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code channels} view (docs/api.md §Channels): one document per channel with its participants ({@code
 * channels}), and one per message ({@code channel_messages}), ordered by the event's place in the channel's stream.
 * Message content stays the end-to-end envelope it was sent as.
 */
@Component
@ProcessingGroup(ChannelsProjection.GROUP)
class ChannelsProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "channels";
    static final String CHANNELS = "channels";
    static final String MESSAGES = "channel_messages";
    static final String SEQUENCE = "sequence";

    private final MongoCollection<Document> channels;
    private final MongoCollection<Document> messages;

    ChannelsProjection(MongoDatabase database) {
        this.channels = database.getCollection(CHANNELS);
        this.messages = database.getCollection(MESSAGES);
        channels.createIndex(Indexes.ascending("spaceId", "participantIds", "createdAt"));
        messages.createIndex(Indexes.ascending("channelId", SEQUENCE));
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(CHANNELS, MESSAGES);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new ChannelsProjection(database);
    }

    @EventHandler
    void on(ChannelCreated event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                channels,
                new Document("_id", event.channelId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("name", event.name())
                        .append("description", event.description())
                        .append("status", "Open")
                        .append("createdBy", event.createdBy().toString())
                        .append("participantIds", ids(event.participantIds()))
                        .append(
                                "participants",
                                event.participantIds().stream()
                                        .map(agent -> participant(agent, at))
                                        .toList())
                        .append("createdAt", Views.date(at))
                        .append("closedAt", null)
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(ChannelParticipantAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.updateGuarded(
                channels,
                event.channelId().toString(),
                sequence,
                combine(
                        set("participantIds", ids(event.participantIds())),
                        push("participants", participant(event.agentId(), at))),
                false);
    }

    @EventHandler
    void on(ChannelParticipantRemoved event, @SequenceNumber long sequence) {
        GuardedWrites.updateGuarded(
                channels,
                event.channelId().toString(),
                sequence,
                combine(
                        set("participantIds", ids(event.participantIds())),
                        pull(
                                "participants",
                                Filters.eq("agentId", event.agentId().toString()))),
                false);
    }

    @EventHandler
    void on(ChannelMessageSent event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                messages,
                new Document("_id", event.messageId().toString())
                        .append("channelId", event.channelId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("senderAgentId", event.senderAgentId().toString())
                        .append("kind", event.kind())
                        .append("encryptedContent", Envelopes.document(event.encryptedContent()))
                        .append("createdAt", Views.date(at))
                        .append(SEQUENCE, sequence));
    }

    @EventHandler
    void on(ChannelClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.updateGuarded(
                channels,
                event.channelId().toString(),
                sequence,
                combine(set("status", "Closed"), set("closedAt", Views.date(at))),
                false);
    }

    private static List<String> ids(List<UUID> agents) {
        return agents.stream().map(UUID::toString).toList();
    }

    private static Document participant(UUID agentId, Instant at) {
        return new Document("agentId", agentId.toString()).append("addedAt", Views.date(at));
    }
}
