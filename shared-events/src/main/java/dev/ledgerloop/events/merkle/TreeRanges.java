package dev.ledgerloop.events.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Which subtrees an RFC 9162 proof is made of, without their hashes: the recursions PATH (§2.1.3.1) and SUBPROOF
 * (§2.1.4.1) give a list of leaf ranges, each standing for MTH of those leaves, in proof order. A store that keeps the
 * hashes of complete subtrees answers each range from at most log2(n) of them ({@link #completeSubtrees}).
 */
public final class TreeRanges {
    private TreeRanges() {}

    /** The leaves {@code [start, end)}; its hash is MTH(D[start:end]). */
    public record Range(long start, long end) {
        public long size() {
            return end - start;
        }
    }

    /** The complete subtree of {@code 2^level} leaves starting at leaf {@code index * 2^level}. */
    public record Subtree(int level, long index) {}

    /** PATH(leafIndex, D[treeSize]), bottom-up. */
    public static List<Range> inclusion(long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("Leaf " + leafIndex + " is not in a tree of " + treeSize);
        }
        List<Range> proof = new ArrayList<>();
        path(leafIndex, 0, treeSize, proof);
        return proof;
    }

    /** PROOF(first, D[second]) = SUBPROOF(first, D[second], true); empty when the sizes are equal. */
    public static List<Range> consistency(long first, long second) {
        if (first < 1 || first > second) {
            throw new IllegalArgumentException("No consistency proof from " + first + " to " + second);
        }
        List<Range> proof = new ArrayList<>();
        subproof(first, 0, second, true, proof);
        return proof;
    }

    /** MTH(D[start:end]) is built from these complete subtrees, left to right, folded from the right. */
    public static List<Subtree> completeSubtrees(Range range) {
        List<Subtree> subtrees = new ArrayList<>();
        long start = range.start();
        long end = range.end();
        while (end > start) {
            long size = end - start;
            long piece = Long.bitCount(size) == 1 ? size : largestPowerOfTwoBelow(size);
            if (start % piece != 0) {
                throw new IllegalArgumentException("Not a range of the tree's recursion: " + range);
            }
            subtrees.add(new Subtree(Long.numberOfTrailingZeros(piece), start / piece));
            start += piece;
        }
        return subtrees;
    }

    /** The k of RFC 9162 §2.1.1: the largest power of two smaller than n (n > 1). */
    public static long largestPowerOfTwoBelow(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("No power of two below " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    private static void path(long m, long offset, long n, List<Range> proof) {
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, offset, k, proof);
            proof.add(new Range(offset + k, offset + n));
        } else {
            path(m - k, offset + k, n - k, proof);
            proof.add(new Range(offset, offset + k));
        }
    }

    private static void subproof(long m, long offset, long n, boolean whole, List<Range> proof) {
        if (m == n) {
            if (!whole) {
                proof.add(new Range(offset, offset + n));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, offset, k, whole, proof);
            proof.add(new Range(offset + k, offset + n));
        } else {
            subproof(m - k, offset + k, n - k, false, proof);
            proof.add(new Range(offset, offset + k));
        }
    }
}
