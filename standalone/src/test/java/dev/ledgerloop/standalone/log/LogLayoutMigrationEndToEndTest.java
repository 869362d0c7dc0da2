package dev.ledgerloop.standalone.log;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.log.LogAnswers.LOG;
import static dev.ledgerloop.standalone.log.LogAnswers.checkpointCovering;
import static dev.ledgerloop.standalone.log.LogAnswers.consistent;
import static dev.ledgerloop.standalone.log.LogAnswers.inclusion;
import static dev.ledgerloop.standalone.log.LogAnswers.inclusionProofs;
import static dev.ledgerloop.standalone.log.LogAnswers.verifies;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory whose log was stored before tiles (one {@code log_nodes} document per complete subtree, a position
 * without {@code layout}) is rebuilt in tiles by itself on the next start: the same proofs as before, and the tree
 * keeps growing.
 */
class LogLayoutMigrationEndToEndTest {
    private static final int MESSAGES = 5;

    @TempDir
    Path data;

    @Test
    void a_log_stored_in_the_layout_before_tiles_is_rebuilt_in_tiles_with_the_same_proofs() throws Exception {
        String key;
        String session;
        String verifierKey;
        SignedCheckpoint before;
        Map<UUID, String> proofsBefore;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            Api owner = Api.gateway(system).withKey(key);
            verifierKey = owner.get(LOG + "/verifier-key").expect(200).text();
            session = owner.openSession();
            for (int i = 0; i < MESSAGES; i++) {
                owner.sendMessage(session, envelope());
            }
            List<RecordedEvent> events = EventLog.stream(system, "session-" + session);
            before = checkpointCovering(owner, verifierKey, events);
            proofsBefore = inclusionProofs(owner, events, before.treeSize());
            storeInTheLayoutBeforeTiles(system);
        }
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(system).withKey(key);
            patiently().untilAsserted(() -> {
                for (Map.Entry<UUID, String> proof : proofsBefore.entrySet()) {
                    assertThat(inclusion(owner, proof.getKey(), before.treeSize()))
                            .isEqualTo(proof.getValue());
                }
            });
            try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
                MongoDatabase database = client.getDatabase("ledgerloop");
                assertThat(database.getCollection("log_nodes").countDocuments()).isZero();
                assertThat(database.getCollection("log_tiles").countDocuments()).isPositive();
            }

            owner.sendMessage(session, envelope());
            List<RecordedEvent> events = EventLog.stream(system, "session-" + session);
            SignedCheckpoint after = checkpointCovering(owner, verifierKey, events);
            assertThat(consistent(owner, before, after)).isTrue();
            for (RecordedEvent event : events) {
                assertThat(verifies(Json.read(inclusion(owner, event.getEventId(), after.treeSize())), after))
                        .isTrue();
            }
        }
    }

    /**
     * Rewrites the stored log as the builder stored it before tiles: every complete subtree's hash in {@code
     * log_nodes}, no tiles, a position without a layout.
     */
    private static void storeInTheLayoutBeforeTiles(LedgerloopSystem system) {
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            List<Document> nodes = new ArrayList<>();
            for (Document space : database.getCollection("log_spaces").find()) {
                String spaceId = space.getString("_id");
                Deque<Object[]> edge = new ArrayDeque<>();
                for (Document leaf : database.getCollection("log_leaves")
                        .find(Filters.regex("_id", "^" + spaceId + "/"))
                        .sort(Sorts.ascending("index"))) {
                    long index = leaf.getLong("index");
                    byte[] hash =
                            MerkleHash.leaf(leaf.get("input", Binary.class).getData());
                    nodes.add(node(spaceId, 0, index, hash));
                    int level = 0;
                    while (!edge.isEmpty() && (int) edge.peekLast()[0] == level) {
                        hash = MerkleHash.node((byte[]) edge.removeLast()[1], hash);
                        level++;
                        nodes.add(node(spaceId, level, index >> level, hash));
                    }
                    edge.addLast(new Object[] {level, hash});
                }
            }
            assertThat(nodes).isNotEmpty();
            database.getCollection("log_nodes").insertMany(nodes);
            database.getCollection("log_tiles").drop();
            database.getCollection("log_position").updateOne(Filters.eq("_id", "merkle-log"), Updates.unset("layout"));
        }
    }

    private static Document node(String spaceId, int level, long index, byte[] hash) {
        return new Document("_id", spaceId + "/" + level + "/" + index).append("h", new Binary(hash));
    }
}
