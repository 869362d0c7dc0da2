package dev.ledgerloop.command.log;

import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * The growing edge of one space's tree in memory: its size, the roots of the complete subtrees that make it up (one per
 * set bit of the size, largest first) and how far through {@code $all} it is. Appending a leaf gives the leaf and every
 * subtree it completes, which is all the store needs; the root is folded from the edge.
 */
final class SpaceTree {
    record Node(int level, long index, byte[] hash) {}

    private record Edge(int level, byte[] hash) {}

    private final UUID spaceId;
    private final Deque<Edge> edge = new ArrayDeque<>();
    private long size;
    private long contentSize;
    private EventStoreDbPositionToken lastPosition;

    SpaceTree(UUID spaceId, long size, long contentSize, EventStoreDbPositionToken lastPosition, List<byte[]> edge) {
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
    }

    static SpaceTree empty(UUID spaceId) {
        return new SpaceTree(spaceId, 0, 0, EventStoreDbPositionToken.TAIL, List.of());
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
        java.util.ArrayList<Node> nodes = new java.util.ArrayList<>();
        nodes.add(new Node(0, index, hash));
        int level = 0;
        while (!edge.isEmpty() && edge.peekLast().level() == level) {
            hash = MerkleHash.node(edge.removeLast().hash(), hash);
            level++;
            nodes.add(new Node(level, index >> level, hash));
        }
        edge.addLast(new Edge(level, hash));
        size++;
        if (content) {
            contentSize = size;
        }
        lastPosition = position;
        return nodes;
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
