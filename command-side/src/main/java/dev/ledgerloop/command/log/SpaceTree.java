package dev.ledgerloop.command.log;

import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The growing edge of one space's tree in memory: its size, the roots of the complete subtrees that make it up (one per
 * set bit of the size, largest first) and how far through {@code $all} it is. Appending a leaf gives the leaf and every
 * subtree it completes; the root is folded from the edge. It also keeps the right-most {@link LogTile} of each tile
 * level, so that a page of appends is stored as the few tiles it changed.
 */
final class SpaceTree {
    record Node(int level, long index, byte[] hash) {}

    /** A tile's hashes to store: {@code hashes} is the tile's width · 32 bytes. */
    record Tile(LogTile.Address address, byte[] hashes) {}

    private record Edge(int level, byte[] hash) {}

    /** At most 64 / 8 tile levels: the size is a long. */
    private static final int TILE_LEVELS = 8;

    private final UUID spaceId;
    private final Deque<Edge> edge = new ArrayDeque<>();
    private long size;
    private long contentSize;
    private EventStoreDbPositionToken lastPosition;
    /** Per tile level, the hashes of its right-most tile so far, and how many ({@code size >> 8t} mod 256). */
    private final byte[][] openTiles = new byte[TILE_LEVELS][];

    private final int[] openWidths = new int[TILE_LEVELS];
    private final List<Tile> filledTiles = new ArrayList<>();
    private final TreeSet<Integer> grownTileLevels = new TreeSet<>();

    /**
     * @param edge the hashes of the complete subtrees the tree is made of, largest first
     * @param openTiles per tile level, the hashes of the tile {@link #openTiles(long)} names (empty for none)
     */
    SpaceTree(
            UUID spaceId,
            long size,
            long contentSize,
            EventStoreDbPositionToken lastPosition,
            List<byte[]> edge,
            List<byte[]> openTiles) {
        this.spaceId = spaceId;
        this.size = size;
        this.contentSize = contentSize;
        this.lastPosition = lastPosition;
        int bit = 63;
        for (byte[] hash : edge) {
            while ((size & (1L << bit)) == 0) {
                bit--;
            }
            this.edge.addLast(new Edge(bit, hash));
            bit--;
        }
        for (int t = 0; t < openTiles.size(); t++) {
            byte[] hashes = openTiles.get(t);
            int width = (int) ((size >>> (LogTile.HEIGHT * t)) & (LogTile.WIDTH - 1));
            if (hashes.length != width * LogTile.HASH_BYTES) {
                throw new IllegalArgumentException("Tile level " + t + " of a tree of " + size + " has "
                        + hashes.length / LogTile.HASH_BYTES + " hashes instead of " + width);
            }
            this.openTiles[t] = hashes.clone();
            openWidths[t] = width;
        }
    }

    static SpaceTree empty(UUID spaceId) {
        return new SpaceTree(spaceId, 0, 0, EventStoreDbPositionToken.TAIL, List.of(), List.of());
    }

    /**
     * The right-most tile of each tile level of a tree of {@code size}, bottom-up, with its width: the one a tile
     * level's next hash goes into; null where that tile is empty (the level's tiles are all full).
     */
    static List<Tile> openTiles(long size) {
        List<Tile> open = new ArrayList<>();
        for (int t = 0; t < TILE_LEVELS && (size >>> (LogTile.HEIGHT * t)) > 0; t++) {
            int width = (int) ((size >>> (LogTile.HEIGHT * t)) & (LogTile.WIDTH - 1));
            open.add(width == 0 ? null : new Tile(openTile(size, t), new byte[width * LogTile.HASH_BYTES]));
        }
        return open;
    }

    /** The right-most tile of tile level {@code t} in a tree of {@code size}: where that level's next hash goes. */
    private static LogTile.Address openTile(long size, int t) {
        return new LogTile.Address(t, (size >>> (LogTile.HEIGHT * t)) >>> LogTile.HEIGHT);
    }

    /** Whether the event at {@code position} is a leaf already: the log is in {@code $all} order. */
    boolean includes(EventStoreDbPositionToken position) {
        return lastPosition.covers(position);
    }

    /**
     * Appends the leaf at {@code position}; {@code content} is false for the log's own checkpoint records, which do
     * not call for a new checkpoint.
     *
     * @return the new leaf (level 0) and the subtrees it completes
     */
    List<Node> append(byte[] leafInput, boolean content, EventStoreDbPositionToken position) {
        long index = size;
        byte[] hash = MerkleHash.leaf(leafInput);
        ArrayList<Node> nodes = new ArrayList<>();
        nodes.add(new Node(0, index, hash));
        int level = 0;
        while (!edge.isEmpty() && edge.peekLast().level() == level) {
            hash = MerkleHash.node(edge.removeLast().hash(), hash);
            level++;
            nodes.add(new Node(level, index >> level, hash));
        }
        edge.addLast(new Edge(level, hash));
        for (Node node : nodes) {
            if (node.level() % LogTile.HEIGHT == 0) {
                addToTile(node);
            }
        }
        size++;
        if (content) {
            contentSize = size;
        }
        lastPosition = position;
        return nodes;
    }

    private void addToTile(Node node) {
        int t = node.level() / LogTile.HEIGHT;
        int needed = (openWidths[t] + 1) * LogTile.HASH_BYTES;
        byte[] open = openTiles[t] == null ? new byte[0] : openTiles[t];
        if (open.length < needed) {
            // Grown as needed: a small space keeps a few hashes, not a full tile per tile level.
            openTiles[t] = Arrays.copyOf(
                    open, Math.min(Math.max(needed, 2 * open.length), LogTile.WIDTH * LogTile.HASH_BYTES));
        }
        System.arraycopy(node.hash(), 0, openTiles[t], openWidths[t] * LogTile.HASH_BYTES, LogTile.HASH_BYTES);
        openWidths[t]++;
        if (openWidths[t] == LogTile.WIDTH) {
            filledTiles.add(new Tile(new LogTile.Address(t, node.index() >>> LogTile.HEIGHT), openTiles[t]));
            openTiles[t] = null;
            openWidths[t] = 0;
        }
        grownTileLevels.add(t);
    }

    /**
     * The tiles the appends since the last call filled or grew, each with all its hashes so far: what the store
     * writes, one document per tile. Storing a tile again with the same or fewer hashes changes nothing it proves.
     */
    List<Tile> takeGrownTiles() {
        List<Tile> grown = new ArrayList<>(filledTiles);
        for (int t : grownTileLevels) {
            if (openWidths[t] > 0) {
                grown.add(new Tile(openTile(size, t), Arrays.copyOf(openTiles[t], openWidths[t] * LogTile.HASH_BYTES)));
            }
        }
        filledTiles.clear();
        grownTileLevels.clear();
        return grown;
    }

    byte[] root() {
        if (edge.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        Iterator<Edge> fromRight = edge.descendingIterator();
        byte[] root = fromRight.next().hash();
        while (fromRight.hasNext()) {
            root = MerkleHash.node(fromRight.next().hash(), root);
        }
        return root;
    }

    UUID spaceId() {
        return spaceId;
    }

    long size() {
        return size;
    }

    /** The size just after the last leaf that is not a checkpoint record. */
    long contentSize() {
        return contentSize;
    }

    EventStoreDbPositionToken lastPosition() {
        return lastPosition;
    }
}
