package dev.ledgerloop.events.crypto;

import java.util.Optional;

/** The mutable store of wrapped data keys, one per stream, kept out of the immutable log so it can be shredded. */
public interface WrappedKeyStore {

    Optional<WrappedKey> find(String streamId);

    /** Stores the key unless the stream already has one; returns the stream's key either way, so racers agree. */
    WrappedKey insertIfAbsent(WrappedKey key);

    /** Crypto-shredding: the stream's events can never be decrypted again. True if there was a key. */
    boolean delete(String streamId);
}
