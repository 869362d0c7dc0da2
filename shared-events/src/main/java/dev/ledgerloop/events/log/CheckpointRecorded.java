package dev.ledgerloop.events.log;

import java.util.Objects;
import java.util.UUID;

/**
 * A signed checkpoint of the space's Merkle log (docs/verifiable-record.md): the tree of {@code treeSize} leaves has
 * the root {@code rootHash} (base64), and {@code checkpoint} is the whole C2SP signed note. The event is itself a
 * leaf of the log, after the leaves it signs.
 */
public record CheckpointRecorded(UUID spaceId, long treeSize, String rootHash, String checkpoint) implements LogEvent {

    public CheckpointRecorded {
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
