package dev.ledgerloop.command.log;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.ledgerloop.events.merkle.CompactRange;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * What the log audit keeps between pages and restarts, apart from the builder's collections: how far it read
 * ({@code log_audit_position}), each space's recomputed tree as a compact range ({@code log_audit_spaces}) and each
 * stream's last verified event ({@code log_audit_chains}).
 */
@Component
class LogAuditStore {
    private static final String READER = "log-audit";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** A stream's last verified event: its revision and stored hash. */
    record ChainHead(long revision, String hash) {}

    private final MongoCollection<Document> position;
    private final MongoCollection<Document> spaces;
    private final MongoCollection<Document> chains;

    LogAuditStore(MongoDatabase database) {
        this.position = database.getCollection("log_audit_position");
        this.spaces = database.getCollection("log_audit_spaces");
        this.chains = database.getCollection("log_audit_chains");
    }

    EventStoreDbPositionToken position() {
        Document document = position.find(Filters.eq("_id", READER)).first();
        return document == null
                ? EventStoreDbPositionToken.TAIL
                : new EventStoreDbPositionToken(document.getLong("commit"), document.getLong("prepare"));
    }

    CompactRange range(UUID spaceId) {
        Document document = spaces.find(Filters.eq("_id", spaceId.toString())).first();
        if (document == null) {
            return new CompactRange();
        }
        List<byte[]> peaks = new ArrayList<>();
        for (Binary peak : document.getList("peaks", Binary.class)) {
            peaks.add(peak.getData());
        }
        return new CompactRange(document.getLong("size"), peaks);
    }

    Optional<ChainHead> chainHead(String stream) {
        return Optional.ofNullable(chains.find(Filters.eq("_id", stream)).first())
                .map(head -> new ChainHead(head.getLong("revision"), head.getString("hash")));
    }

    /** Stores a page's outcome: chain heads and trees first, then the position, so a restart repeats, never skips. */
    void save(EventStoreDbPositionToken last, Map<UUID, CompactRange> ranges, Map<String, ChainHead> heads) {
        if (!heads.isEmpty()) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            heads.forEach((stream, head) -> writes.add(new ReplaceOneModel<>(
                    Filters.eq("_id", stream),
                    new Document("_id", stream)
                            .append("revision", head.revision())
                            .append("hash", head.hash()),
                    UPSERT)));
            chains.bulkWrite(writes);
            List<WriteModel<Document>> trees = new ArrayList<>();
            ranges.forEach((spaceId, range) -> trees.add(new ReplaceOneModel<>(
                    Filters.eq("_id", spaceId.toString()),
                    new Document("_id", spaceId.toString())
                            .append("size", range.size())
                            .append(
                                    "peaks",
                                    range.peaks().stream().map(Binary::new).toList()),
                    UPSERT)));
            spaces.bulkWrite(trees);
        }
        position.replaceOne(
                Filters.eq("_id", READER),
                new Document("_id", READER)
                        .append("commit", last.getCommitPosition())
                        .append("prepare", last.getPreparePosition()),
                UPSERT);
    }
}
