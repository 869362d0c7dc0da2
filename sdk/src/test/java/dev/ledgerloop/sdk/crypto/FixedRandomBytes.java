package dev.ledgerloop.sdk.crypto;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Hands out the given byte strings in order, each exactly once, and refuses a request of another length. */
final class FixedRandomBytes implements RandomBytes {
    private final Deque<byte[]> next;

    FixedRandomBytes(List<byte[]> bytes) {
        this.next = new ArrayDeque<>(bytes);
    }

    @Override
    public synchronized byte[] next(int length) {
        byte[] bytes = next.poll();
        if (bytes == null || bytes.length != length) {
            throw new IllegalStateException(
                    "Asked for " + length + " bytes, the vector has " + (bytes == null ? "none left" : bytes.length));
        }
        return bytes.clone();
    }

    boolean usedUp() {
        return next.isEmpty();
    }
}
