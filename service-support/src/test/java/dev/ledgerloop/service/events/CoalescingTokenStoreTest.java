package dev.ledgerloop.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens written behind, on Axon's MongoDB token store over mongo-java-server, as two instances would share it. */
class CoalescingTokenStoreTest {
    private static final String PROCESSOR = "timeline";
    private static final Duration NEVER = Duration.ofHours(1);

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private MongoDatabase database;
    private CountingStore here;
    private CoalescingTokenStore coalescing;

    @BeforeEach
    void initializeSegments() {
        database = MONGO.freshDatabase();
        here = new CountingStore(mongoStore("here", Duration.ofSeconds(10)));
        here.initializeTokenSegments(PROCESSOR, 2, token(0));
    }

    @AfterEach
    void close() {
        if (coalescing != null) {
            coalescing.close();
        }
    }

    @Test
    void the_tokens_of_one_interval_are_written_once_with_the_newest() {
        coalescing = new CoalescingTokenStore(here, NEVER);
        assertThat(coalescing.fetchToken(PROCESSOR, 0)).isEqualTo(token(0));

        for (long position = 1; position <= 100; position++) {
            coalescing.storeToken(token(position), PROCESSOR, 0);
        }
        assertThat(here.writes.get()).isZero();

        coalescing.writeWaitingTokens();
        coalescing.writeWaitingTokens();

        assertThat(here.writes.get()).isEqualTo(1);
        coalescing.releaseClaim(PROCESSOR, 0);
        assertThat(mongoStore("there", Duration.ofSeconds(10)).fetchToken(PROCESSOR, 0))
                .isEqualTo(token(100));
    }

    @Test
    void the_background_writer_stores_the_newest_token_within_the_interval() {
        coalescing = new CoalescingTokenStore(here, Duration.ofMillis(50));
        coalescing.fetchToken(PROCESSOR, 1);

        coalescing.storeToken(token(7), PROCESSOR, 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> here.writes.get() == 1);
        assertThat(storedToken(1)).isEqualTo(token(7));
    }

    @Test
    void releasing_a_claim_writes_its_waiting_token_first_so_the_next_owner_goes_on_from_it() {
        coalescing = new CoalescingTokenStore(here, NEVER);
        coalescing.fetchToken(PROCESSOR, 0);
        coalescing.storeToken(token(42), PROCESSOR, 0);

        coalescing.releaseClaim(PROCESSOR, 0);

        assertThat(mongoStore("there", Duration.ofSeconds(10)).fetchToken(PROCESSOR, 0))
                .isEqualTo(token(42));
    }

    @Test
    void extending_a_claim_writes_the_waiting_token() {
        coalescing = new CoalescingTokenStore(here, NEVER);
        coalescing.fetchToken(PROCESSOR, 0);
        coalescing.storeToken(token(3), PROCESSOR, 0);

        coalescing.extendClaim(PROCESSOR, 0);

        assertThat(here.writes.get()).isEqualTo(1);
        assertThat(storedToken(0)).isEqualTo(token(3));
    }

    @Test
    void closing_writes_every_waiting_token() {
        coalescing = new CoalescingTokenStore(here, NEVER);
        coalescing.fetchToken(PROCESSOR, 0);
        coalescing.fetchToken(PROCESSOR, 1);
        coalescing.storeToken(token(5), PROCESSOR, 0);
        coalescing.storeToken(token(9), PROCESSOR, 1);

        coalescing.close();
        coalescing = null;

        assertThat(storedToken(0)).isEqualTo(token(5));
        assertThat(storedToken(1)).isEqualTo(token(9));
    }

    @Test
    void a_claim_taken_by_another_instance_is_not_overwritten_and_stops_this_one_at_its_next_store() {
        here = new CountingStore(mongoStore("here", Duration.ofMillis(200)));
        coalescing = new CoalescingTokenStore(here, NEVER);
        coalescing.fetchToken(PROCESSOR, 0);
        coalescing.storeToken(token(10), PROCESSOR, 0);
        coalescing.writeWaitingTokens();
        TokenStore there = mongoStore("there", Duration.ofMillis(200));
        await().atMost(Duration.ofSeconds(5))
                .ignoreException(UnableToClaimTokenException.class)
                .until(() -> token(10).equals(there.fetchToken(PROCESSOR, 0)));
        there.storeToken(token(20), PROCESSOR, 0);

        coalescing.storeToken(token(11), PROCESSOR, 0);
        coalescing.writeWaitingTokens();

        assertThat(storedToken(0)).isEqualTo(token(20));
        assertThatThrownBy(() -> coalescing.storeToken(token(12), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void a_deleted_segment_loses_its_waiting_token() {
        coalescing = new CoalescingTokenStore(here, NEVER);
        coalescing.fetchToken(PROCESSOR, 1);
        coalescing.storeToken(token(4), PROCESSOR, 1);

        coalescing.deleteToken(PROCESSOR, 1);
        coalescing.writeWaitingTokens();

        assertThat(here.writes.get()).isZero();
        assertThat(coalescing.fetchSegments(PROCESSOR)).containsExactly(0);
    }

    private TrackingToken storedToken(int segment) {
        TokenStore reader = mongoStore("reader", Duration.ZERO);
        return reader.fetchToken(PROCESSOR, segment);
    }

    private TokenStore mongoStore(String node, Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(MONGO.client(), database.getName())
                        .build())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(node)
                .claimTimeout(claimTimeout)
                .build();
    }

    private static TrackingToken token(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    /** The MongoDB store, counting the token writes that reach it. */
    private static final class CountingStore implements TokenStore {
        private final TokenStore mongo;
        private final AtomicInteger writes = new AtomicInteger();

        CountingStore(TokenStore mongo) {
            this.mongo = mongo;
        }

        @Override
        public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
            mongo.initializeTokenSegments(processorName, segmentCount, initialToken);
        }

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            writes.incrementAndGet();
            mongo.storeToken(token, processorName, segment);
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            return mongo.fetchToken(processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            mongo.extendClaim(processorName, segment);
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            mongo.releaseClaim(processorName, segment);
        }

        @Override
        public void deleteToken(String processorName, int segment) {
            mongo.deleteToken(processorName, segment);
        }

        @Override
        public boolean requiresExplicitSegmentInitialization() {
            return mongo.requiresExplicitSegmentInitialization();
        }

        @Override
        public int[] fetchSegments(String processorName) {
            return mongo.fetchSegments(processorName);
        }
    }
}
