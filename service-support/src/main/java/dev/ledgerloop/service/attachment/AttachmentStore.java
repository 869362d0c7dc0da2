package dev.ledgerloop.service.attachment;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.crypto.AssociatedData;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.DataKey;
import dev.ledgerloop.events.crypto.Keyring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.UUID;
import org.bson.BsonString;
import org.bson.Document;

/**
 * Attachment bytes, kept outside the event log (docs/architecture.md §Decisions: the log holds their hash in the event)
 * in a MongoDB GridFS bucket. The bytes a client uploads are already end-to-end encrypted; they are encrypted once more
 * at rest under the session stream's data key, bound to the session and the attachment id, so crypto-shredding a
 * session erases its attachments too.
 */
public final class AttachmentStore {
    static final String BUCKET = "attachments";
    private static final String TYPE = "Attachment";
    private static final int VERSION = 1;

    private final GridFSBucket bucket;
    private final Keyring keyring;
    private final AtRestCipher cipher = new AtRestCipher();

    public AttachmentStore(MongoDatabase database, Keyring keyring) {
        this.bucket = GridFSBuckets.create(database, BUCKET);
        this.keyring = keyring;
    }

    public void store(UUID spaceId, UUID sessionId, UUID attachmentId, byte[] bytes) {
        String stream = StreamNames.session(sessionId);
        DataKey key = keyring.dataKeyFor(spaceId.toString(), stream);
        byte[] sealed = cipher.encrypt(key, boundTo(stream, attachmentId), bytes);
        bucket.uploadFromStream(
                new BsonString(attachmentId.toString()),
                attachmentId.toString(),
                new ByteArrayInputStream(sealed),
                new GridFSUploadOptions()
                        .metadata(new Document("sessionId", sessionId.toString())
                                .append("spaceId", spaceId.toString())
                                .append("keyId", key.keyId())));
    }

    /** The bytes as the client uploaded them, or empty when there are none (never stored, or deleted). */
    public Optional<byte[]> read(UUID spaceId, UUID sessionId, UUID attachmentId) {
        GridFSFile file = bucket.find(Filters.eq("_id", new BsonString(attachmentId.toString())))
                .first();
        if (file == null || file.getMetadata() == null) {
            return Optional.empty();
        }
        Document metadata = file.getMetadata();
        if (!sessionId.toString().equals(metadata.getString("sessionId"))
                || !spaceId.toString().equals(metadata.getString("spaceId"))) {
            return Optional.empty();
        }
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        bucket.downloadToStream(new BsonString(attachmentId.toString()), sealed);
        String stream = StreamNames.session(sessionId);
        DataKey key = keyring.dataKeyOf(spaceId.toString(), stream, metadata.getString("keyId"));
        return Optional.of(cipher.decrypt(key, boundTo(stream, attachmentId), sealed.toByteArray()));
    }

    /** Removes bytes whose event was refused, so that nothing unreferenced stays behind. */
    public void delete(UUID attachmentId) {
        if (bucket.find(Filters.eq("_id", new BsonString(attachmentId.toString())))
                        .first()
                != null) {
            bucket.delete(new BsonString(attachmentId.toString()));
        }
    }

    /** Shredding: deletes every stored attachment of the session. */
    public void deleteAllOf(UUID sessionId) {
        for (GridFSFile file : bucket.find(Filters.eq("metadata.sessionId", sessionId.toString()))) {
            try {
                bucket.delete(file.getId());
            } catch (MongoGridFSException goneMeanwhile) {
                // Another instance (or the recovery) deleted it first: gone either way.
            }
        }
    }

    private static AssociatedData boundTo(String stream, UUID attachmentId) {
        return new AssociatedData(stream, attachmentId, TYPE, VERSION);
    }
}
