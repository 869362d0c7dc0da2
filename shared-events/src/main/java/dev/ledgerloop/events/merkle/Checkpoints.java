package dev.ledgerloop.events.merkle;

import java.util.Base64;

/** The C2SP tlog-checkpoint body: origin, tree size and base64 root hash, one per line. */
public final class Checkpoints {
    private Checkpoints() {}

    public static String body(String origin, long treeSize, byte[] rootHash) {
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("An origin is one non-empty line");
        }
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }
}
