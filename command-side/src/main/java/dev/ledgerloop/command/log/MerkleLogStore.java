package dev.ledgerloop.command.log;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ledgerloop.events.merkle.SubtreeSource;
import dev.ledgerloop.events.merkle.TreeRanges.Subtree;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Merkle logs in MongoDB (docs/verifiable-record.md §Storage): each space's tree as tiles of 256 hashes ({@code
 * log_tiles}), each leaf's index and input by event id ({@code log_leaves}), each space's size and how far through
 * {@code $all} it is ({@code log_spaces}), the reader's own position ({@code log_position}) and each space's latest
 * checkpoint ({@code log_checkpoints}), and the delivery streams of {@code log.checkpoint} webhooks ({@code
 * log_checkpoint_deliveries}). All of it is derived from the event log: dropping these collections rebuilds the same
 * trees.
 */
@Component
class MerkleLogStore {
    private static final Logger log = LoggerFactory.getLogger(MerkleLogStore.class);
    static final String TILES = "log_tiles";
    static final String LEAVES = "log_leaves";
    static final String SPACES = "log_spaces";
    static final String POSITION = "log_position";
    static final String CHECKPOINTS = "log_checkpoints";
    static final String CHECKPOINT_DELIVERIES = "log_checkpoint_deliveries";
    /** Before tiles: one document per complete subtree. A data directory that has it is rebuilt in tiles. */
    static final String LEGACY_NODES = "log_nodes";
    /** The storage layout the position document names; a position without it was written before tiles. */
    static final int LAYOUT = 2;

    private static final String READER = "merkle-log";
    /** Tiles kept in memory, in bytes of hashes (a full tile with its inner levels weighs 16 KiB). */
    private static final long TILE_CACHE_BYTES = 32L << 20;

    record Leaf(long index, byte[] input) {}

    record Checkpoint(long treeSize, String note) {}

    private final MongoCollection<Document> tiles;
    private final MongoCollection<Document> leaves;
    private final MongoCollection<Document> spaces;
    private final MongoCollection<Document> position;
    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> checkpointDeliveries;
    private final MongoCollection<Document> legacyNodes;

    /**
     * Tiles read lately. A tile's hashes never change, a tile only gets wider until it is full: a kept tile answers for
     * what it holds, and one too narrow for a question is read again. The upper tiles, shared by most proofs, stay.
     */
    private final Cache<String, LogTile> tileCache = Caffeine.newBuilder()
            .maximumWeight(TILE_CACHE_BYTES)
            .weigher((String id, LogTile tile) -> 2 * LogTile.HASH_BYTES * tile.width() + 64)
            .build();

    /** Each space's size as this instance last stored or read it: sizes only grow, so a smaller size is answered here. */
    private final Map<UUID, Long> knownSizes = new ConcurrentHashMap<>();

    MerkleLogStore(MongoDatabase database) {
        this.tiles = database.getCollection(TILES);
        this.leaves = database.getCollection(LEAVES);
        this.spaces = database.getCollection(SPACES);
        this.position = database.getCollection(POSITION);
        this.checkpoints = database.getCollection(CHECKPOINTS);
        this.checkpointDeliveries = database.getCollection(CHECKPOINT_DELIVERIES);
        this.legacyNodes = database.getCollection(LEGACY_NODES);
    }

    /**
     * Drops the trees of a data directory written before tiles (a position without {@code layout}, or any {@code
     * log_nodes}), so that the builder rebuilds them from the event log: the same leaves, the same roots. The latest
     * checkpoints and the checkpoint delivery streams stay, they do not depend on the layout.
     */
    void rebuildIfOlderLayout() {
        Document stored = position.find(Filters.eq("_id", READER)).first();
        boolean olderPosition = stored != null && stored.get("layout") == null;
        if (!olderPosition && legacyNodes.find().first() == null) {
            return;
        }
        log.info("The verifiable log is stored in an older layout; rebuilding it in tiles from the event log");
        position.drop();
        spaces.drop();
        leaves.drop();
        tiles.drop();
        legacyNodes.drop();
        tileCache.invalidateAll();
        knownSizes.clear();
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
                        .append("prepare", token.getPreparePosition())
                        .append("layout", LAYOUT),
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
        knownSizes.merge(spaceId, size, Math::max);
        return new SpaceTree(
                spaceId, size, space.getLong("contentSize"), token(space), edgeHashes, openTiles(spaceId, size));
    }

    /** The hashes of the right-most tile of each tile level, as far as a tree of {@code size} reaches into it. */
    private List<byte[]> openTiles(UUID spaceId, long size) {
        List<SpaceTree.Tile> open = SpaceTree.openTiles(size);
        List<String> ids = open.stream()
                .filter(Objects::nonNull)
                .map(tile -> tile.address().id(spaceId))
                .toList();
        Map<String, byte[]> stored = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document tile : tiles.find(Filters.in("_id", ids))) {
                stored.put(tile.getString("_id"), tile.get("h", Binary.class).getData());
            }
        }
        List<byte[]> hashes = new ArrayList<>();
        for (SpaceTree.Tile tile : open) {
            if (tile == null) {
                hashes.add(new byte[0]);
                continue;
            }
            byte[] found = stored.get(tile.address().id(spaceId));
            int wanted = tile.hashes().length;
            if (found == null || found.length < wanted) {
                throw new IllegalStateException("The log of space " + spaceId + " misses hashes of tile "
                        + tile.address() + ": the store is behind or damaged");
            }
            hashes.add(Arrays.copyOf(found, wanted));
        }
        return hashes;
    }

    /**
     * Stores the leaves and tiles of one page, then each space's new size: in that order, so that a crash in between
     * leaves only writes that the next read of the page repeats with the same content. A tile is replaced only by a
     * wider one, so a builder that is behind never narrows what another one stored.
     */
    void append(List<Document> newLeaves, List<WriteModel<Document>> grownTiles, Collection<SpaceTree> grown) {
        insertIgnoringDuplicates(leaves, newLeaves);
        if (!grownTiles.isEmpty()) {
            try {
                tiles.bulkWrite(grownTiles, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                throwUnlessOnlyDuplicates(e);
            }
        }
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
            knownSizes.merge(tree.spaceId(), tree.size(), Math::max);
        }
    }

    /** The write of a grown tile: {@code w} hashes, replacing the stored tile only if that one is narrower. */
    static WriteModel<Document> tile(UUID spaceId, SpaceTree.Tile tile) {
        int width = tile.hashes().length / LogTile.HASH_BYTES;
        return new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", tile.address().id(spaceId)), Filters.lt("w", width)),
                Updates.combine(Updates.set("w", width), Updates.set("h", new Binary(tile.hashes()))),
                new UpdateOptions().upsert(true));
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
        long size = space == null ? 0 : space.getLong("size");
        knownSizes.merge(spaceId, size, Math::max);
        return size;
    }

    /** The space's size if known to be at least {@code wanted} (no look-up then), else the stored size. */
    long sizeAtLeast(UUID spaceId, long wanted) {
        long known = knownSizes.getOrDefault(spaceId, 0L);
        return known >= wanted ? known : size(spaceId);
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

    /** The subtrees' hashes, folded from their tiles: those kept in memory, the others read with one query. */
    private Map<Subtree, byte[]> hashes(UUID spaceId, Collection<Subtree> subtrees) {
        Map<Subtree, byte[]> hashes = new HashMap<>();
        Map<String, List<Subtree>> missing = new HashMap<>();
        for (Subtree subtree : subtrees) {
            String id = LogTile.of(subtree).id(spaceId);
            LogTile tile = tileCache.getIfPresent(id);
            byte[] hash = tile == null ? null : tile.hash(subtree);
            if (hash != null) {
                hashes.put(subtree, hash);
            } else {
                missing.computeIfAbsent(id, any -> new ArrayList<>()).add(subtree);
            }
        }
        if (!missing.isEmpty()) {
            for (Document stored : tiles.find(Filters.in("_id", missing.keySet()))) {
                LogTile tile = new LogTile(stored.get("h", Binary.class).getData());
                tileCache.put(stored.getString("_id"), tile);
                for (Subtree subtree : missing.get(stored.getString("_id"))) {
                    byte[] hash = tile.hash(subtree);
                    if (hash != null) {
                        hashes.put(subtree, hash);
                    }
                }
            }
        }
        long wanted = subtrees.stream().distinct().count();
        if (hashes.size() != wanted) {
            throw new IllegalStateException(
                    "The log of space " + spaceId + " misses " + (wanted - hashes.size()) + " stored subtree hashes");
        }
        return hashes;
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
            throwUnlessOnlyDuplicates(e);
        }
    }

    /** Duplicates are writes a repeated page or a guard already made. */
    private static void throwUnlessOnlyDuplicates(MongoBulkWriteException e) {
        boolean onlyDuplicates = e.getWriteErrors().stream()
                .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        if (!onlyDuplicates || e.getWriteConcernError() != null) {
            throw e;
        }
    }
}
