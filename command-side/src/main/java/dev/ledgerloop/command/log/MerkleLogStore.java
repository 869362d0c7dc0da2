package dev.ledgerloop.command.log;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.events.merkle.SubtreeSource;
import dev.ledgerloop.events.merkle.TreeRanges.Subtree;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * The Merkle logs in MongoDB (docs/verifiable-record.md §Storage): every complete subtree's hash by space, level and
 * index ({@code log_nodes}), each leaf's index and input by event id ({@code log_leaves}), each space's size and how far
 * through {@code $all} it is ({@code log_spaces}), the reader's own position ({@code log_position}) and each space's
 * latest checkpoint ({@code log_checkpoints}), and the delivery streams of {@code log.checkpoint} webhooks ({@code
 * log_checkpoint_deliveries}). All of it is derived from the event log: dropping these collections
 * rebuilds the same trees.
 */
@Component
class MerkleLogStore {
    static final String NODES = "log_nodes";
    static final String LEAVES = "log_leaves";
    static final String SPACES = "log_spaces";
    static final String POSITION = "log_position";
    static final String CHECKPOINTS = "log_checkpoints";
    static final String CHECKPOINT_DELIVERIES = "log_checkpoint_deliveries";
    private static final String READER = "merkle-log";

    record Leaf(long index, byte[] input) {}

    record Checkpoint(long treeSize, String note) {}

    private final MongoCollection<Document> nodes;
    private final MongoCollection<Document> leaves;
    private final MongoCollection<Document> spaces;
    private final MongoCollection<Document> position;
    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> checkpointDeliveries;

    /**
     * A stored subtree is complete and never changes (the log only grows), so its hash is kept once read: the upper
     * levels, shared by most proofs, are then answered from memory. About 150 bytes an entry.
     */
    private final Cache<String, byte[]> completeSubtrees =
            Caffeine.newBuilder().maximumSize(100_000).build();

    MerkleLogStore(MongoDatabase database) {
        this.nodes = database.getCollection(NODES);
        this.leaves = database.getCollection(LEAVES);
        this.spaces = database.getCollection(SPACES);
        this.position = database.getCollection(POSITION);
        this.checkpoints = database.getCollection(CHECKPOINTS);
        this.checkpointDeliveries = database.getCollection(CHECKPOINT_DELIVERIES);
    }

    EventStoreDbPositionToken position() {
        Document document = position.find(Filters.eq("_id", READER)).first();
        return document == null ? EventStoreDbPositionToken.TAIL : token(document);
    }

    void savePosition(EventStoreDbPositionToken token) {
        position.replaceOne(
                Filters.eq("_id", READER),
                new Document("_id", READER)
                        .append("commit", token.getCommitPosition())
                        .append("prepare", token.getPreparePosition()),
                new ReplaceOptions().upsert(true));
    }

    /** The space's tree as stored, ready to grow; an empty tree for a space not seen yet. */
    SpaceTree load(UUID spaceId) {
        Document space = spaces.find(Filters.eq("_id", spaceId.toString())).first();
        if (space == null) {
            return SpaceTree.empty(spaceId);
        }
        long size = space.getLong("size");
        List<Subtree> edge = new ArrayList<>();
        long start = 0;
        for (int bit = 62; bit >= 0; bit--) {
            if ((size & (1L << bit)) != 0) {
                edge.add(new Subtree(bit, start >> bit));
                start += 1L << bit;
            }
        }
        Map<Subtree, byte[]> hashes = hashes(spaceId, edge);
        List<byte[]> edgeHashes = new ArrayList<>();
        for (Subtree subtree : edge) {
            edgeHashes.add(hashes.get(subtree));
        }
        return new SpaceTree(spaceId, size, space.getLong("contentSize"), token(space), edgeHashes);
    }

    /**
     * Stores the leaves and subtrees of one page, then each space's new size: in that order, so that a crash in between
     * leaves only writes that the next read of the page repeats with the same content.
     */
    void append(List<Document> newNodes, List<Document> newLeaves, Collection<SpaceTree> grown) {
        insertIgnoringDuplicates(nodes, newNodes);
        insertIgnoringDuplicates(leaves, newLeaves);
        for (SpaceTree tree : grown) {
            GuardedWrites.updateGuarded(
                    spaces,
                    tree.spaceId().toString(),
                    tree.size(),
                    Updates.combine(
                            Updates.set("size", tree.size()),
                            Updates.set("contentSize", tree.contentSize()),
                            Updates.set("commit", tree.lastPosition().getCommitPosition()),
                            Updates.set("prepare", tree.lastPosition().getPreparePosition())),
                    true);
        }
    }

    static Document node(UUID spaceId, SpaceTree.Node node) {
        return new Document("_id", nodeId(spaceId, node.level(), node.index())).append("h", new Binary(node.hash()));
    }

    static Document leaf(UUID spaceId, UUID eventId, long index, byte[] input) {
        return new Document("_id", spaceId + "/" + eventId)
                .append("index", index)
                .append("input", new Binary(input));
    }

    void markCheckpointDelivery(String stream) {
        GuardedWrites.insertOnce(checkpointDeliveries, new Document("_id", stream));
    }

    boolean isCheckpointDelivery(String stream) {
        return checkpointDeliveries.find(Filters.eq("_id", stream)).first() != null;
    }

    List<UUID> spaceIds() {
        List<UUID> ids = new ArrayList<>();
        for (Document space : spaces.find().projection(new Document("_id", 1))) {
            ids.add(UUID.fromString(space.getString("_id")));
        }
        return ids;
    }

    long size(UUID spaceId) {
        Document space = spaces.find(Filters.eq("_id", spaceId.toString())).first();
        return space == null ? 0 : space.getLong("size");
    }

    Optional<Leaf> leaf(UUID spaceId, UUID eventId) {
        Document leaf = leaves.find(Filters.eq("_id", spaceId + "/" + eventId)).first();
        return leaf == null
                ? Optional.empty()
                : Optional.of(new Leaf(
                        leaf.getLong("index"), leaf.get("input", Binary.class).getData()));
    }

    /** The leaf indexes of these events, with one query; events not in the log are left out. */
    Map<UUID, Long> leafIndexes(UUID spaceId, Collection<UUID> eventIds) {
        Map<UUID, Long> indexes = new java.util.HashMap<>();
        String prefix = spaceId + "/";
        for (Document leaf : leaves.find(Filters.in(
                        "_id",
                        eventIds.stream().map(eventId -> prefix + eventId).toList()))
                .projection(new Document("index", 1))) {
            indexes.put(UUID.fromString(leaf.getString("_id").substring(prefix.length())), leaf.getLong("index"));
        }
        return indexes;
    }

    SubtreeSource subtrees(UUID spaceId) {
        return subtrees -> hashes(spaceId, subtrees);
    }

    /** Keeps the checkpoint unless a larger one is there already. */
    void recordCheckpoint(UUID spaceId, long treeSize, String note) {
        GuardedWrites.updateGuarded(
                checkpoints,
                spaceId.toString(),
                treeSize,
                Updates.combine(Updates.set("treeSize", treeSize), Updates.set("note", note)),
                true);
    }

    Optional<Checkpoint> latestCheckpoint(UUID spaceId) {
        Document checkpoint =
                checkpoints.find(Filters.eq("_id", spaceId.toString())).first();
        return checkpoint == null
                ? Optional.empty()
                : Optional.of(new Checkpoint(checkpoint.getLong("treeSize"), checkpoint.getString("note")));
    }

    private Map<Subtree, byte[]> hashes(UUID spaceId, Collection<Subtree> subtrees) {
        Map<Subtree, byte[]> hashes = new HashMap<>();
        Map<String, Subtree> missing = new HashMap<>();
        for (Subtree subtree : subtrees) {
            String id = nodeId(spaceId, subtree.level(), subtree.index());
            byte[] known = completeSubtrees.getIfPresent(id);
            if (known != null) {
                hashes.put(subtree, known);
            } else {
                missing.put(id, subtree);
            }
        }
        if (!missing.isEmpty()) {
            for (Document node : nodes.find(Filters.in("_id", missing.keySet()))) {
                byte[] hash = node.get("h", Binary.class).getData();
                hashes.put(missing.get(node.getString("_id")), hash);
                completeSubtrees.put(node.getString("_id"), hash);
            }
        }
        long wanted = subtrees.stream().distinct().count();
        if (hashes.size() != wanted) {
            throw new IllegalStateException(
                    "The log of space " + spaceId + " misses " + (wanted - hashes.size()) + " stored subtree hashes");
        }
        return hashes;
    }

    private static String nodeId(UUID spaceId, int level, long index) {
        return spaceId + "/" + level + "/" + index;
    }

    private static EventStoreDbPositionToken token(Document document) {
        return new EventStoreDbPositionToken(document.getLong("commit"), document.getLong("prepare"));
    }

    private static void insertIgnoringDuplicates(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates || e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }
}
