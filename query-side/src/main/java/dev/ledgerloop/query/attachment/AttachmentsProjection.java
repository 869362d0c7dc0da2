package dev.ledgerloop.query.attachment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The {@code attachments} view: what was attached to each session (the bytes stay in the attachment store). */
@Component
@ProcessingGroup(AttachmentsProjection.GROUP)
class AttachmentsProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "attachments";
    static final String COLLECTION = "attachments_view";

    private final MongoCollection<Document> attachments;

    AttachmentsProjection(MongoDatabase database) {
        this.attachments = database.getCollection(COLLECTION);
        attachments.createIndex(Indexes.ascending("sessionId"));
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new AttachmentsProjection(database);
    }

    @EventHandler
    void on(AttachmentUploaded event, MetaData metaData, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                attachments,
                new Document("_id", event.attachmentId().toString())
                        .append("sessionId", event.sessionId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("filename", event.filename())
                        .append("mimeType", event.mimeType())
                        .append("size", event.size())
                        .append("sha256", event.sha256())
                        .append("uploadedBy", event.uploadedBy())
                        .append("createdAt", Views.date(at)));
    }
}
