package dev.ledgerloop.events.merkle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** MTH of RFC 9162 §2.1.1 by its definition, over leaf inputs in memory: what stored subtrees must agree with. */
final class ReferenceTree implements SubtreeSource {
    private final List<byte[]> leaves;

    ReferenceTree(List<byte[]> leaves) {
        this.leaves = leaves;
    }

    byte[] mth(int from, int to) {
        int n = to - from;
        if (n == 1) {
            return Rfc9162Verifier.leaf(leaves.get(from));
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return Rfc9162Verifier.node(mth(from, from + k), mth(from + k, to));
    }

    byte[] leafHash(int index) {
        return Rfc9162Verifier.leaf(leaves.get(index));
    }

    @Override
    public Map<TreeRanges.Subtree, byte[]> hashes(Collection<TreeRanges.Subtree> subtrees) {
        Map<TreeRanges.Subtree, byte[]> hashes = new HashMap<>();
        for (TreeRanges.Subtree subtree : subtrees) {
            int width = 1 << subtree.level();
            int from = (int) subtree.index() * width;
            if (from + width > leaves.size()) {
                throw new IllegalStateException("Incomplete " + subtree);
            }
            hashes.put(subtree, mth(from, from + width));
        }
        return hashes;
    }
}
