package dev.ledgerloop.events.merkle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roots and RFC 9162 inclusion and consistency proofs from stored complete subtrees: each proof element is MTH of a
 * range ({@link TreeRanges}), folded from the complete subtrees it is made of. All the subtrees one answer needs are
 * asked of the source at once, O(log n) of them.
 */
public final class ProofBuilder {
    private final SubtreeSource source;

    public ProofBuilder(SubtreeSource source) {
        this.source = source;
    }

    /** MTH(D[0:treeSize]); the hash of the empty string for an empty tree. */
    public byte[] root(long treeSize) {
        if (treeSize == 0) {
            return MerkleHash.emptyRoot();
        }
        return hashes(List.of(new TreeRanges.Range(0, treeSize))).get(0);
    }

    public List<byte[]> inclusion(long leafIndex, long treeSize) {
        return hashes(TreeRanges.inclusion(leafIndex, treeSize));
    }

    /** The inclusion proofs of many leaves in one tree, with all their subtrees asked of the source at once. */
    public List<List<byte[]>> inclusions(List<Long> leafIndexes, long treeSize) {
        List<TreeRanges.Range> all = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>(leafIndexes.size());
        for (long leafIndex : leafIndexes) {
            List<TreeRanges.Range> ranges = TreeRanges.inclusion(leafIndex, treeSize);
            all.addAll(ranges);
            lengths.add(ranges.size());
        }
        List<byte[]> hashes = hashes(all);
        List<List<byte[]>> proofs = new ArrayList<>(leafIndexes.size());
        int from = 0;
        for (int length : lengths) {
            proofs.add(hashes.subList(from, from + length));
            from += length;
        }
        return proofs;
    }

    public List<byte[]> consistency(long first, long second) {
        return hashes(TreeRanges.consistency(first, second));
    }

    private List<byte[]> hashes(List<TreeRanges.Range> ranges) {
        Set<TreeRanges.Subtree> needed = new LinkedHashSet<>();
        List<List<TreeRanges.Subtree>> pieces = new ArrayList<>(ranges.size());
        for (TreeRanges.Range range : ranges) {
            List<TreeRanges.Subtree> subtrees = TreeRanges.completeSubtrees(range);
            pieces.add(subtrees);
            needed.addAll(subtrees);
        }
        Map<TreeRanges.Subtree, byte[]> known = needed.isEmpty() ? Map.of() : source.hashes(needed);
        List<byte[]> hashes = new ArrayList<>(ranges.size());
        for (List<TreeRanges.Subtree> subtrees : pieces) {
            byte[] folded = null;
            for (int i = subtrees.size() - 1; i >= 0; i--) {
                byte[] hash = known.get(subtrees.get(i));
                if (hash == null) {
                    throw new IllegalStateException("No stored hash for " + subtrees.get(i));
                }
                folded = folded == null ? hash : MerkleHash.node(hash, folded);
            }
            hashes.add(folded);
        }
        return hashes;
    }
}
