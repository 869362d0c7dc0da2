package dev.ledgerloop.query.channel;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads the {@code channels} view for its participants; to anyone else a channel does not exist (404). */
@Component
class ChannelReader {
    static final int DEFAULT_LIMIT = 50;

    private final MongoCollection<Document> channels;
    private final MongoCollection<Document> messages;

    ChannelReader(MongoDatabase database) {
        this.channels = database.getCollection(ChannelsProjection.CHANNELS);
        this.messages = database.getCollection(ChannelsProjection.MESSAGES);
    }

    /** A scroll-back answer: the newest messages first, and whether older ones remain. */
    record Messages(List<ChannelView.Message> items, boolean hasMore) {}

    /** The participant's channels, newest first. */
    Page<ChannelView> list(Principal agent, PageRequest page) {
        Bson filter = takingPart(agent);
        List<ChannelView> data = new ArrayList<>();
        channels.find(filter)
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                .skip(page.skip())
                .limit(page.pageSize())
                .forEach(document -> data.add(ChannelView.of(document)));
        return new Page<>(data, channels.countDocuments(filter), page.page(), page.pageSize());
    }

    ChannelView get(Principal agent, UUID channelId) {
        return ChannelView.of(channel(agent, channelId));
    }

    List<ChannelView.Participant> participants(Principal agent, UUID channelId) {
        return channel(agent, channelId).getList("participants", Document.class).stream()
                .map(ChannelView.Participant::of)
                .toList();
    }

    Messages messages(Principal agent, UUID channelId, String limitText, String before) {
        channel(agent, channelId);
        int limit = QueryParameters.wholeNumber("limit", limitText, DEFAULT_LIMIT, 1, PageRequest.MAX_PAGE_SIZE);
        Bson ofChannel = eq("channelId", channelId.toString());
        Bson filter = ofChannel;
        if (before != null) {
            Document cursor = messages.find(and(ofChannel, eq("_id", before))).first();
            if (cursor == null) {
                throw ApiException.validation("Parameter 'before' is not a message of this channel");
            }
            filter = and(ofChannel, lt(ChannelsProjection.SEQUENCE, cursor.getLong(ChannelsProjection.SEQUENCE)));
        }
        List<ChannelView.Message> items = new ArrayList<>();
        messages.find(filter)
                .sort(Sorts.descending(ChannelsProjection.SEQUENCE))
                .limit(limit + 1)
                .forEach(document -> items.add(ChannelView.Message.of(document)));
        boolean hasMore = items.size() > limit;
        return new Messages(hasMore ? items.subList(0, limit) : items, hasMore);
    }

    private Document channel(Principal agent, UUID channelId) {
        Document found = channels.find(and(eq("_id", channelId.toString()), takingPart(agent)))
                .first();
        if (found == null) {
            throw ApiException.notFound("Channel " + channelId + " not found");
        }
        return found;
    }

    private static Bson takingPart(Principal agent) {
        return and(eq("spaceId", agent.spaceId().toString()), eq("participantIds", agent.subjectId()));
    }
}
