package dev.ledgerloop.events.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an RFC 9162 tree: one hash per complete subtree of the binary decomposition of its size, the
 * largest first. Enough to append leaves and to compute the root without any other node, so a monitor can follow a
 * log with O(log n) memory.
 */
public final class CompactRange {
    private long size;
    private final List<byte[]> peaks;

    public CompactRange() {
        this(0, List.of());
    }

    /** @param peaks as {@link #peaks()} gave them for this size */
    public CompactRange(long size, List<byte[]> peaks) {
        if (Long.bitCount(size) != peaks.size()) {
            throw new IllegalArgumentException(
                    "A tree of " + size + " leaves has " + Long.bitCount(size) + " peaks, not " + peaks.size());
        }
        this.size = size;
        this.peaks = new ArrayList<>(peaks);
    }

    public long size() {
        return size;
    }

    public List<byte[]> peaks() {
        return List.copyOf(peaks);
    }

    public void append(byte[] leafHash) {
        byte[] carry = leafHash;
        // Each trailing 1 bit of the old size is a peak of the same height as the carry: merge them.
        for (long bits = size; (bits & 1) == 1; bits >>= 1) {
            carry = MerkleHash.node(peaks.remove(peaks.size() - 1), carry);
        }
        peaks.add(carry);
        size++;
    }

    /** The tree's root: the peaks folded from the smallest (rightmost) up. */
    public byte[] root() {
        if (peaks.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        byte[] root = peaks.get(peaks.size() - 1);
        for (int i = peaks.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(peaks.get(i), root);
        }
        return root;
    }
}
