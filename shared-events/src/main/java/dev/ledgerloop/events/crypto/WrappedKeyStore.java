package dev.ledgerloop.events.crypto;

import java.time.Instant;
import java.util.Optional;

/** The mutable store of wrapped data keys, one per stream, kept out of the immutable log so it can be shredded. */
public interface WrappedKeyStore {

    /** @throws StreamShreddedException if the stream's key was replaced by a tombstone */
    Optional<WrappedKey> find(String streamId);

    /**
     * Stores the key unless the stream already has one; returns the stream's key either way, so racers agree.
     *
     * @throws StreamShreddedException if the stream's key was replaced by a tombstone
     */
    WrappedKey insertIfAbsent(WrappedKey key);

    /** Deletes the key, leaving no trace: a later {@link #insertIfAbsent} creates a new one. True if there was one. */
    boolean delete(String streamId);

    /**
     * Crypto-shredding: the stream's key is replaced by a tombstone (or one is written if there was none), so that its
     * events can never be decrypted again and no new key is created for it. Idempotent.
     */
    void tombstone(String streamId, Instant at);

    static StreamShreddedException shredded(String streamId) {
        return new StreamShreddedException(streamId);
    }
}
