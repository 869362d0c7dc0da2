package dev.ledgerloop.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claiming a key, completing it, and what a repeat finds: running, done, expired or abandoned. */
class IdempotentRepliesTest {
    private static final Instant T0 = Instant.parse("2026-03-25T10:30:00Z");
    private static final IdempotencyProperties PROPERTIES =
            new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(2));

    private static MongoServer server;
    private static MongoClient client;
    private MongoDatabase database;
    private MutableClock clock;
    private IdempotentReplies replies;

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void freshDatabase() {
        database =
                client.getDatabase("idempotency-" + UUID.randomUUID().toString().substring(0, 8));
        clock = new MutableClock(T0);
        replies = new IdempotentReplies(database, clock, PROPERTIES);
    }

    @Test
    void the_first_claim_runs_and_a_repeat_while_it_runs_finds_it_running() {
        assertThat(replies.claim("a", "fp")).isEmpty();

        Optional<StoredReply> repeat = replies.claim("a", "fp");

        assertThat(repeat).hasValueSatisfying(reply -> assertThat(reply.done()).isFalse());
    }

    @Test
    void a_repeat_after_the_answer_gets_the_answer() {
        replies.claim("a", "fp");
        replies.complete("a", 201, "application/json", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

        StoredReply reply = replies.claim("a", "fp").orElseThrow();

        assertThat(reply.done()).isTrue();
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
    }

    @Test
    void a_released_key_runs_again() {
        replies.claim("a", "fp");
        replies.release("a");

        assertThat(replies.claim("a", "fp")).isEmpty();
    }

    @Test
    void an_abandoned_claim_runs_again_after_the_pending_timeout() {
        replies.claim("a", "fp");
        clock.set(T0.plus(Duration.ofMinutes(3)));

        assertThat(replies.claim("a", "fp")).isEmpty();
    }

    @Test
    void an_answer_past_its_ttl_is_forgotten() {
        replies.claim("a", "fp");
        replies.complete("a", 201, null, new byte[0]);
        clock.set(T0.plus(Duration.ofHours(25)));

        assertThat(replies.claim("a", "fp")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant next) {
            now = next;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
