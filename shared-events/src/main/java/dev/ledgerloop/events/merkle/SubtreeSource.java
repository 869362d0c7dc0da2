package dev.ledgerloop.events.merkle;

import java.util.Collection;
import java.util.Map;

/** Where the hashes of complete subtrees are kept (a level-0 subtree is a leaf hash). */
public interface SubtreeSource {
    /**
     * The hashes of {@code subtrees}, all of which must be complete in the tree.
     *
     * @throws IllegalStateException when one is missing: the store is behind or damaged
     */
    Map<TreeRanges.Subtree, byte[]> hashes(Collection<TreeRanges.Subtree> subtrees);
}
