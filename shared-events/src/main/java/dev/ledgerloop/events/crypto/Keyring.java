package dev.ledgerloop.events.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-stream data keys (docs/architecture.md §At-rest encryption): created on a stream's first event, stored wrapped
 * under the space's key-encryption key, unwrapped once and kept in a bounded in-memory cache.
 */
public final class Keyring {
    private final MasterKey masterKey;
    private final WrappedKeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CachedKey> cache;
    private final ShredRecords shredRecords;

    public Keyring(MasterKey masterKey, WrappedKeyStore store, Clock clock, int maxCachedKeys) {
        this(masterKey, store, clock, maxCachedKeys, ShredRecords.NONE);
    }

    /** @param shredRecords asked before a key that is not cached is used or created: the log's word on shredding */
    public Keyring(
            MasterKey masterKey, WrappedKeyStore store, Clock clock, int maxCachedKeys, ShredRecords shredRecords) {
        if (maxCachedKeys <= 0) {
            throw new IllegalArgumentException("maxCachedKeys must be positive");
        }
        this.masterKey = masterKey;
        this.store = store;
        this.clock = clock;
        this.shredRecords = shredRecords;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedKey> eldest) {
                return size() > maxCachedKeys;
            }
        });
    }

    /**
     * The key to encrypt a stream's next event with, created (and stored before it is returned) on first use.
     *
     * @throws StreamShreddedException if the stream was shredded: its key is never created again
     */
    public DataKey dataKeyFor(String spaceId, String streamId) {
        DataKey cached = cached(spaceId, streamId);
        if (cached != null) {
            return cached;
        }
        refuseIfShredded(streamId);
        WrappedKey stored =
                store.find(streamId).orElseGet(() -> store.insertIfAbsent(newWrappedKey(spaceId, streamId)));
        return remember(spaceId, streamId, unwrap(spaceId, stored));
    }

    /**
     * The key an existing event names in its metadata.
     *
     * @throws DataKeyNotFoundException if that key is gone
     * @throws StreamShreddedException if the stream was shredded (key tombstoned or shredding in the log)
     */
    public DataKey dataKeyOf(String spaceId, String streamId, String keyId) {
        DataKey key = cached(spaceId, streamId);
        if (key == null) {
            refuseIfShredded(streamId);
            WrappedKey stored = store.find(streamId).orElseThrow(() -> shredded(streamId, keyId));
            key = remember(spaceId, streamId, unwrap(spaceId, stored));
        }
        if (!key.keyId().equals(keyId)) {
            throw shredded(streamId, keyId);
        }
        return key;
    }

    /**
     * Crypto-shredding: replaces the stream's wrapped key by a tombstone, so that it is never created again, and drops
     * it from this keyring's cache. Another process's keyring keeps a cached copy until {@link #evict}. Idempotent.
     */
    public void shred(String streamId) {
        store.tombstone(streamId, clock.instant());
        cache.remove(streamId);
    }

    /** Drops a stream's key from this keyring's cache (another process shredded it). */
    public void evict(String streamId) {
        cache.remove(streamId);
    }

    private void refuseIfShredded(String streamId) {
        if (shredRecords.isShredded(streamId)) {
            throw new StreamShreddedException(streamId);
        }
    }

    private DataKey cached(String spaceId, String streamId) {
        CachedKey cached = cache.get(streamId);
        if (cached == null) {
            return null;
        }
        requireSameSpace(streamId, cached.spaceId(), spaceId);
        return cached.key();
    }

    private DataKey remember(String spaceId, String streamId, DataKey key) {
        cache.put(streamId, new CachedKey(spaceId, key));
        return key;
    }

    private WrappedKey newWrappedKey(String spaceId, String streamId) {
        String keyId = UUID.randomUUID().toString();
        byte[] raw = new byte[AesGcm.KEY_BYTES];
        random.nextBytes(raw);
        try {
            byte[] wrapped = AesGcm.seal(
                    masterKey.keyEncryptionKey(spaceId), raw, wrappingAad(spaceId, streamId, keyId), random);
            return new WrappedKey(streamId, spaceId, keyId, wrapped, clock.instant());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private DataKey unwrap(String spaceId, WrappedKey stored) {
        requireSameSpace(stored.streamId(), stored.spaceId(), spaceId);
        byte[] raw;
        try {
            raw = AesGcm.open(
                    masterKey.keyEncryptionKey(spaceId),
                    stored.wrapped(),
                    wrappingAad(spaceId, stored.streamId(), stored.keyId()));
        } catch (AEADBadTagException e) {
            throw new DecryptionFailedException(
                    "The wrapped data key " + stored.keyId() + " of stream " + stored.streamId()
                            + " does not unwrap: another master key, or the stored key was altered",
                    e);
        }
        try {
            return new DataKey(stored.keyId(), new SecretKeySpec(raw, "AES"));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static byte[] wrappingAad(String spaceId, String streamId, String keyId) {
        return ("keyring|" + spaceId + "|" + streamId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireSameSpace(String streamId, String keySpaceId, String spaceId) {
        if (!keySpaceId.equals(spaceId)) {
            throw new IllegalArgumentException("Stream " + streamId + " does not belong to space " + spaceId);
        }
    }

    private static DataKeyNotFoundException shredded(String streamId, String keyId) {
        return new DataKeyNotFoundException("The data key " + keyId + " of stream " + streamId
                + " no longer exists: the stream was crypto-shredded, so its content cannot be decrypted");
    }

    private record CachedKey(String spaceId, DataKey key) {}
}
