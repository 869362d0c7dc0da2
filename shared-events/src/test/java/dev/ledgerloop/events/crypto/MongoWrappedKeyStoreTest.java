package dev.ledgerloop.events.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoWrappedKeyStoreTest {
    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final MongoDatabase database = mongo.freshDatabase();
    private final MongoWrappedKeyStore store = new MongoWrappedKeyStore(database);

    @Test
    void the_first_insert_wins_and_later_ones_get_it_back() {
        WrappedKey first = wrappedKey("stream-a", "key-1");

        assertThat(store.insertIfAbsent(first)).isSameAs(first);
        WrappedKey winner = store.insertIfAbsent(wrappedKey("stream-a", "key-2"));

        assertThat(winner.keyId()).isEqualTo("key-1");
        assertThat(winner.wrapped()).isEqualTo(first.wrapped());
        assertThat(database.getCollection("keyring").countDocuments()).isEqualTo(1);
    }

    @Test
    void documents_have_the_documented_shape() {
        store.insertIfAbsent(wrappedKey("stream-a", "key-1"));

        Document document = database.getCollection("keyring").find().first();

        assertThat(document)
                .containsOnlyKeys("_id", "streamId", "spaceId", "keyId", "wrapped", "createdAt")
                .containsEntry("streamId", "stream-a")
                .containsEntry("spaceId", "space-1")
                .containsEntry("keyId", "key-1");
    }

    @Test
    void deleting_removes_the_key_for_good() {
        store.insertIfAbsent(wrappedKey("stream-a", "key-1"));

        assertThat(store.delete("stream-a")).isTrue();
        assertThat(store.find("stream-a")).isEmpty();
        assertThat(store.delete("stream-a")).isFalse();
    }

    @Test
    void a_tombstone_replaces_the_key_and_refuses_a_new_one() {
        store.insertIfAbsent(wrappedKey("stream-a", "key-1"));

        store.tombstone("stream-a", java.time.Instant.EPOCH);
        store.tombstone("stream-a", java.time.Instant.EPOCH);
        store.tombstone("stream-b", java.time.Instant.EPOCH);

        assertThat(database.getCollection(MongoWrappedKeyStore.COLLECTION)
                        .find(new org.bson.Document("streamId", "stream-a"))
                        .first())
                .doesNotContainKey("wrapped")
                .containsEntry("shredded", true);
        assertThatThrownBy(() -> store.find("stream-a")).isInstanceOf(StreamShreddedException.class);
        assertThatThrownBy(() -> store.insertIfAbsent(wrappedKey("stream-a", "key-2")))
                .isInstanceOf(StreamShreddedException.class);
        assertThatThrownBy(() -> store.insertIfAbsent(wrappedKey("stream-b", "key-3")))
                .isInstanceOf(StreamShreddedException.class);
    }

    @Test
    void finds_nothing_for_an_unknown_stream() {
        assertThat(store.find("stream-" + UUID.randomUUID())).isEmpty();
    }

    private static WrappedKey wrappedKey(String streamId, String keyId) {
        byte[] wrapped = new byte[60];
        wrapped[0] = (byte) keyId.hashCode();
        return new WrappedKey(streamId, "space-1", keyId, wrapped, Instant.parse("2026-03-25T10:30:00.123Z"));
    }
}
