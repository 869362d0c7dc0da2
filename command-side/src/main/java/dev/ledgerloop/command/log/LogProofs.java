package dev.ledgerloop.command.log;

import dev.ledgerloop.events.merkle.ProofBuilder;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers the proof endpoints from the stored subtrees, checking sizes and ids against the space's tree. */
@Component
class LogProofs {
    private final MerkleLogStore store;

    LogProofs(MerkleLogStore store) {
        this.store = store;
    }

    String latestCheckpoint(UUID spaceId) {
        return latest(spaceId).note();
    }

    LogProofResources.InclusionProof inclusion(UUID spaceId, UUID eventId, Long requestedTreeSize) {
        MerkleLogStore.Leaf leaf = store.leaf(spaceId, eventId)
                .orElseThrow(
                        () -> new ApiException(ErrorCode.NOT_FOUND, "No event " + eventId + " in this space's log"));
        long treeSize;
        if (requestedTreeSize == null) {
            treeSize = latest(spaceId).treeSize();
            if (leaf.index() >= treeSize) {
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "The event is leaf " + leaf.index() + ", after the latest checkpoint (" + treeSize
                                + " leaves); a new checkpoint follows within seconds, or give treeSize");
            }
        } else {
            treeSize = requestedTreeSize;
            long size = store.sizeAtLeast(spaceId, treeSize);
            if (treeSize <= leaf.index() || treeSize > size) {
                throw new ApiException(
                        ErrorCode.VALIDATION_ERROR,
                        "treeSize must be more than the event's leaf index " + leaf.index() + " and at most the"
                                + " tree's size " + size);
            }
        }
        List<byte[]> path = new ProofBuilder(store.subtrees(spaceId)).inclusion(leaf.index(), treeSize);
        return new LogProofResources.InclusionProof(
                leaf.index(),
                treeSize,
                base64(leaf.input()),
                path.stream().map(LogProofs::base64).toList());
    }

    LogProofResources.ConsistencyProof consistency(UUID spaceId, long first, long second) {
        long size = store.sizeAtLeast(spaceId, second);
        if (first < 1 || first > second || second > size) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Sizes must satisfy 1 <= first <= second <= " + size + " (the tree's size); were " + first + " and "
                            + second);
        }
        List<byte[]> proof = new ProofBuilder(store.subtrees(spaceId)).consistency(first, second);
        return new LogProofResources.ConsistencyProof(
                first, second, proof.stream().map(LogProofs::base64).toList());
    }

    private MerkleLogStore.Checkpoint latest(UUID spaceId) {
        return store.latestCheckpoint(spaceId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "This space's log has no checkpoint yet"));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
