package dev.ledgerloop.events.crypto;

import static dev.ledgerloop.events.fixtures.MasterKeys.randomMasterKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The keyring over MongoWrappedKeyStore, through the real MongoDB driver against mongo-java-server. */
class KeyringTest {
    private static final String SPACE = "space-1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-25T10:30:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final MasterKey masterKey = randomMasterKey();
    private final String stream = StreamNames.session(UUID.randomUUID());
    private final AtRestCipher cipher = new AtRestCipher();
    private MongoWrappedKeyStore store;

    @BeforeEach
    void freshStore() {
        store = new MongoWrappedKeyStore(mongo.freshDatabase());
    }

    @Test
    void a_stream_keeps_its_data_key_across_keyring_instances() {
        DataKey first = newKeyring().dataKeyFor(SPACE, stream);
        byte[] sealed = encrypt(first, "hello");

        DataKey again = newKeyring().dataKeyFor(SPACE, stream);

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(decrypt(newKeyring().dataKeyOf(SPACE, stream, first.keyId()), sealed))
                .isEqualTo("hello");
    }

    @Test
    void each_stream_gets_its_own_data_key() {
        Keyring keyring = newKeyring();

        assertThat(keyring.dataKeyFor(SPACE, stream).keyId())
                .isNotEqualTo(keyring.dataKeyFor(SPACE, StreamNames.session(UUID.randomUUID()))
                        .keyId());
    }

    @Test
    void the_stored_document_holds_the_key_wrapped_never_in_clear() {
        DataKey key = newKeyring().dataKeyFor(SPACE, stream);

        WrappedKey stored = store.find(stream).orElseThrow();
        assertThat(stored.spaceId()).isEqualTo(SPACE);
        assertThat(stored.keyId()).isEqualTo(key.keyId());
        assertThat(stored.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(stored.wrapped())
                .hasSize(12 + 32 + 16)
                .isNotEqualTo(key.secretKey().getEncoded());
    }

    @Test
    void concurrent_creators_agree_on_one_key() throws Exception {
        int creators = 8;
        CountDownLatch start = new CountDownLatch(1);
        Callable<DataKey> create = () -> {
            Keyring keyring = newKeyring();
            start.await();
            return keyring.dataKeyFor(SPACE, stream);
        };
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        try {
            List<Future<DataKey>> futures = IntStream.range(0, creators)
                    .mapToObj(i -> pool.submit(create))
                    .toList();
            start.countDown();
            List<DataKey> keys = futures.stream().map(KeyringTest::join).toList();

            assertThat(keys).extracting(DataKey::keyId).containsOnly(keys.get(0).keyId());
            assertThat(keys).extracting(key -> key.secretKey().getEncoded()).allSatisfy(bytes -> assertThat(bytes)
                    .isEqualTo(keys.get(0).secretKey().getEncoded()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shredding_makes_the_stream_undecryptable() {
        Keyring keyring = newKeyring();
        DataKey key = keyring.dataKeyFor(SPACE, stream);
        encrypt(key, "secret");

        keyring.shred(stream);

        assertThatThrownBy(() -> store.find(stream)).isInstanceOf(StreamShreddedException.class);
        assertThatThrownBy(() -> newKeyring().dataKeyOf(SPACE, stream, key.keyId()))
                .isInstanceOf(StreamShreddedException.class)
                .hasMessageContaining(stream)
                .hasMessageContaining("crypto-shredded");
        assertThatThrownBy(() -> keyring.dataKeyOf(SPACE, stream, key.keyId()))
                .isInstanceOf(StreamShreddedException.class);
    }

    @Test
    void a_shredded_stream_never_gets_a_new_key() {
        Keyring keyring = newKeyring();
        keyring.dataKeyFor(SPACE, stream);
        keyring.shred(stream);
        keyring.shred(stream);

        assertThatThrownBy(() -> keyring.dataKeyFor(SPACE, stream)).isInstanceOf(StreamShreddedException.class);
        assertThatThrownBy(() -> newKeyring().dataKeyFor(SPACE, stream)).isInstanceOf(StreamShreddedException.class);
    }

    @Test
    void a_stream_whose_shredding_the_log_records_is_refused_even_with_its_key_document_restored() {
        DataKey key = newKeyring().dataKeyFor(SPACE, stream);
        Keyring afterShredding = new Keyring(masterKey, store, CLOCK, 100, shredded -> shredded.equals(stream));

        assertThat(store.find(stream)).isPresent();
        assertThatThrownBy(() -> afterShredding.dataKeyOf(SPACE, stream, key.keyId()))
                .isInstanceOf(StreamShreddedException.class);
        assertThatThrownBy(() -> afterShredding.dataKeyFor(SPACE, stream)).isInstanceOf(StreamShreddedException.class);
    }

    @Test
    void a_key_deleted_without_a_tombstone_is_not_found_but_not_shredded() {
        Keyring keyring = newKeyring();
        DataKey key = keyring.dataKeyFor(SPACE, stream);
        store.delete(stream);

        assertThatThrownBy(() -> newKeyring().dataKeyOf(SPACE, stream, key.keyId()))
                .isInstanceOf(DataKeyNotFoundException.class)
                .isNotInstanceOf(StreamShreddedException.class);
    }

    @Test
    void another_master_key_cannot_unwrap_the_stored_key() {
        DataKey key = newKeyring().dataKeyFor(SPACE, stream);
        Keyring otherDeployment = new Keyring(randomMasterKey(), store, CLOCK, 10);

        assertThatThrownBy(() -> otherDeployment.dataKeyOf(SPACE, stream, key.keyId()))
                .isInstanceOf(DecryptionFailedException.class)
                .hasMessageContaining("does not unwrap");
    }

    @Test
    void a_stream_of_one_space_is_refused_to_another() {
        newKeyring().dataKeyFor(SPACE, stream);

        assertThatThrownBy(() -> newKeyring().dataKeyFor("space-2", stream))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Stream " + stream + " does not belong to space space-2");
    }

    @Test
    void keys_evicted_from_a_small_cache_are_loaded_again() {
        Keyring keyring = new Keyring(masterKey, store, CLOCK, 1);
        String other = StreamNames.session(UUID.randomUUID());
        DataKey first = keyring.dataKeyFor(SPACE, stream);
        keyring.dataKeyFor(SPACE, other);

        assertThat(keyring.dataKeyFor(SPACE, stream).keyId()).isEqualTo(first.keyId());
    }

    private Keyring newKeyring() {
        return new Keyring(masterKey, store, CLOCK, 100);
    }

    private byte[] encrypt(DataKey key, String text) {
        return cipher.encrypt(key, boundTo(), text.getBytes(StandardCharsets.UTF_8));
    }

    private String decrypt(DataKey key, byte[] sealed) {
        return new String(cipher.decrypt(key, boundTo(), sealed), StandardCharsets.UTF_8);
    }

    private AssociatedData boundTo() {
        return new AssociatedData(stream, new UUID(0, 1), "SessionOpened", 1);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
