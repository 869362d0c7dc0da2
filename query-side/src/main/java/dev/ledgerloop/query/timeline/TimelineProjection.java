package dev.ledgerloop.query.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.query.Envelopes;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code timeline} view (DESIGN §4): one document per item of a session, ordered by the session's event
 * sequence. Messages are items of kind {@code message}; lifecycle changes are items of kind {@code system}.
 */
@Component
@ProcessingGroup(TimelineProjection.GROUP)
class TimelineProjection {
    static final String GROUP = "timeline";
    static final String COLLECTION = "timeline";

    private final MongoCollection<Document> items;

    TimelineProjection(MongoDatabase database) {
        this.items = database.getCollection(COLLECTION);
        items.createIndex(Indexes.ascending("sessionId", "sequence"));
    }

    @EventHandler
    void on(MessageSent event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        Views.insertOnce(
                items,
                item(
                                event.messageId().toString(),
                                event.sessionId().toString(),
                                TimelineItems.MESSAGE,
                                metaData,
                                sequence,
                                at)
                        .append("senderType", event.senderType().name())
                        .append("senderAgentId", text(event.senderAgentId()))
                        .append("senderUserId", event.senderUserId())
                        .append("encryptedContent", Envelopes.document(event.encryptedContent()))
                        .append("encryptedComponents", Envelopes.document(event.encryptedComponents()))
                        .append("responseRequired", event.responseRequired())
                        .append("status", event.responseRequired() ? "Pending" : "Completed")
                        .append("priority", event.priority().name())
                        .append("deadlineAt", Views.date(event.deadlineAt()))
                        .append("referenceId", event.referenceId())
                        .append("editedAt", null)
                        .append("deletedAt", null));
    }

    @EventHandler
    void on(
            SessionClosed event,
            MetaData metaData,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MessageIdentifier String eventId) {
        Views.insertOnce(
                items,
                item(eventId, event.sessionId().toString(), TimelineItems.SYSTEM, metaData, sequence, at)
                        .append("event", "session.closed"));
    }

    private static Document item(
            String id, String sessionId, String kind, MetaData metaData, long sequence, Instant at) {
        return new Document("_id", id)
                .append("sessionId", sessionId)
                .append("spaceId", EventContext.spaceId(metaData).toString())
                .append("kind", kind)
                .append("sequence", sequence)
                .append("createdAt", Views.date(at));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
