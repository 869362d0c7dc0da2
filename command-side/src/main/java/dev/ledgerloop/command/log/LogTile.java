package dev.ledgerloop.command.log;

import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.events.merkle.TreeRanges.Subtree;
import java.util.Arrays;

/**
 * One tile of a space's tree, as C2SP tlog-tiles cut a tree (docs/verifiable-record.md §Storage): tile {@code (t, i)}
 * holds the hashes of the complete subtrees at level {@code 8·t} with indexes {@code [256·i, 256·(i+1))}, fewer in the
 * tree's right-most tile. Every complete subtree at levels {@code 8·t} to {@code 8·t+7} is folded from one tile, so a
 * tile answers for itself; its inner levels are folded once, when it is read.
 */
final class LogTile {
    static final int HEIGHT = 8;
    static final int WIDTH = 1 << HEIGHT;
    static final int HASH_BYTES = 32;

    /** Where a tile sits: its tile level and its index at that level. */
    record Address(int tileLevel, long index) {
        String id(Object spaceId) {
            return spaceId + "/" + tileLevel + "/" + index;
        }
    }

    /** {@code levels[r][k]}: the hash of the tile's k-th complete subtree of height r. */
    private final byte[][][] levels;

    LogTile(byte[] hashes) {
        int width = hashes.length / HASH_BYTES;
        levels = new byte[HEIGHT][][];
        levels[0] = new byte[width][];
        for (int k = 0; k < width; k++) {
            levels[0][k] = Arrays.copyOfRange(hashes, k * HASH_BYTES, (k + 1) * HASH_BYTES);
        }
        for (int r = 1; r < HEIGHT; r++) {
            byte[][] below = levels[r - 1];
            levels[r] = new byte[below.length / 2][];
            for (int k = 0; k < levels[r].length; k++) {
                levels[r][k] = MerkleHash.node(below[2 * k], below[2 * k + 1]);
            }
        }
    }

    /** The tile that holds what {@code subtree} is folded from. */
    static Address of(Subtree subtree) {
        int height = subtree.level() % HEIGHT;
        return new Address(subtree.level() / HEIGHT, (subtree.index() << height) >>> HEIGHT);
    }

    int width() {
        return levels[0].length;
    }

    /** The subtree's hash; null when this tile does not reach far enough to the right (yet). */
    byte[] hash(Subtree subtree) {
        byte[][] level = levels[subtree.level() % HEIGHT];
        int local = (int) (subtree.index() & ((WIDTH >> (subtree.level() % HEIGHT)) - 1));
        return local < level.length ? level[local] : null;
    }
}
