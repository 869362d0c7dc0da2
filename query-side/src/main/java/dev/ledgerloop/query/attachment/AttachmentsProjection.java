package dev.ledgerloop.query.attachment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasedSession;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.query.shredding.Erasure;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The {@code attachments} view: what was attached to each session (the bytes stay in the attachment store). */
@Component
@ProcessingGroup(AttachmentsProjection.GROUP)
class AttachmentsProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "attachments";
    static final String COLLECTION = "attachments_view";

    private final MongoCollection<Document> attachments;

    private final ErasedSession erased;

    AttachmentsProjection(MongoDatabase database, ErasedSession erased) {
        this.erased = erased;
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
        return new AttachmentsProjection(database, erased);
    }

    /** The session was shredded: one erased entry per upload, no file name, type, size or hash (docs/api.md). */
    @Override
    protected void erase(UUID sessionId) {
        attachments.deleteMany(new Document("sessionId", sessionId.toString()));
        List<Document> erasedEntries = new ArrayList<>();
        for (ErasedSession.Record record : erased.records(sessionId)) {
            if ("AttachmentUploaded".equals(record.type())) {
                erasedEntries.add(new Document("_id", record.eventId())
                        .append("sessionId", sessionId.toString())
                        .append("spaceId", record.spaceId())
                        .append("filename", null)
                        .append("mimeType", null)
                        .append("size", null)
                        .append("sha256", null)
                        .append("uploadedBy", null)
                        .append("createdAt", Views.date(record.occurredAt()))
                        .append(Erasure.ERASED, true));
            }
        }
        if (!erasedEntries.isEmpty()) {
            attachments.insertMany(erasedEntries);
        }
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
