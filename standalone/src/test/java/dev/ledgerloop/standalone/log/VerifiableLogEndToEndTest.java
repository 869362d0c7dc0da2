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
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.merkle.LeafInput;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Backends;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifiable log through the gateway of the standalone system, checked as a client would: the checkpoint's
 * signature against the published verifier key, every event's inclusion proof and the consistency of two checkpoints
 * with the client-side {@code ProofVerifier} (itself checked against an RFC 9162 verifier written from the RFC alone,
 * in shared-events' tests); bad input answers 4xx; a restart in the middle and a rebuild from
 * scratch give the same roots.
 */
class VerifiableLogEndToEndTest {

    @TempDir
    Path data;

    @Test
    void checkpoints_are_signed_and_every_event_of_the_space_is_provably_in_them() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
            String verifierKey = owner.get(LOG + "/verifier-key").expect(200).text();
            assertThat(verifierKey).startsWith("ledgerloop+").matches("ledgerloop\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]+");

            String session = owner.openSession();
            for (int i = 0; i < 3; i++) {
                owner.sendMessage(session, envelope());
            }
            List<RecordedEvent> sessionEvents = EventLog.stream(system, "session-" + session);
            SignedCheckpoint first = checkpointCovering(owner, verifierKey, sessionEvents);
            assertThat(first.origin())
                    .isEqualTo("ledgerloop/spaces/" + system.secrets().spaceId());

            for (RecordedEvent event : sessionEvents) {
                JsonNode proof = owner.get(LOG + "/proof/inclusion?eventId=" + event.getEventId() + "&treeSize="
                                + first.treeSize())
                        .expect(200)
                        .body();
                assertThat(proof.get("treeSize").asLong()).isEqualTo(first.treeSize());
                byte[] leafInput =
                        Base64.getDecoder().decode(proof.get("leafInput").asText());
                assertThat(leafInput)
                        .isEqualTo(LeafInput.of(
                                event.getStreamId(),
                                event.getRevision(),
                                event.getEventId(),
                                event.getEventType(),
                                event.getUserMetadata(),
                                event.getEventData()));
                assertThat(Json.read(new String(leafInput, StandardCharsets.UTF_8))
                                .get("eventId")
                                .asText())
                        .isEqualTo(event.getEventId().toString());
                assertThat(verifies(proof, first))
                        .as("inclusion of %s", event.getEventType())
                        .isTrue();
            }

            patiently().untilAsserted(() -> {
                JsonNode verified = owner.get("/v1/admin/sessions/" + session + "/verify")
                        .expect(200)
                        .body();
                assertThat(verified.get("ok").asBoolean())
                        .as(verified.toString())
                        .isTrue();
                assertThat(verified.get("events").asInt()).isEqualTo(sessionEvents.size());
                assertThat(verified.get("eventsAfterCheckpoint").asInt()).isZero();
                assertThat(verified.get("treeSize").asLong()).isGreaterThanOrEqualTo(first.treeSize());
            });

            owner.sendMessage(session, envelope());
            List<RecordedEvent> more = EventLog.stream(system, "session-" + session);
            SignedCheckpoint second = checkpointCovering(owner, verifierKey, more);
            assertThat(second.treeSize()).isGreaterThan(first.treeSize());
            assertThat(consistent(owner, first, second)).isTrue();
            JsonNode older = owner.get(LOG + "/proof/inclusion?eventId="
                            + sessionEvents.get(0).getEventId() + "&treeSize=" + first.treeSize())
                    .expect(200)
                    .body();
            assertThat(verifies(older, first)).isTrue();
        }
    }

    @Test
    void bad_input_answers_the_documented_errors() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
            String session = owner.openSession();
            RecordedEvent opened = EventLog.stream(system, "session-" + session).get(0);
            String verifierKey = owner.get(LOG + "/verifier-key").expect(200).text();
            SignedCheckpoint checkpoint = checkpointCovering(owner, verifierKey, List.of(opened));
            long size = checkpoint.treeSize();

            assertError(owner.get(LOG + "/proof/inclusion?eventId=" + UUID.randomUUID()), 404, "NOT_FOUND");
            // As everywhere in the API, an id that is not a UUID names nothing that could exist.
            assertError(owner.get(LOG + "/proof/inclusion?eventId=not-a-uuid"), 404, "NOT_FOUND");
            assertError(owner.get(LOG + "/proof/inclusion"), 400, "VALIDATION_ERROR");
            String inclusion = LOG + "/proof/inclusion?eventId=" + opened.getEventId() + "&treeSize=";
            assertError(owner.get(inclusion + (size + 1000)), 400, "VALIDATION_ERROR");
            assertError(owner.get(inclusion + "0"), 400, "VALIDATION_ERROR");
            assertError(owner.get(inclusion + "-1"), 400, "VALIDATION_ERROR");
            assertError(owner.get(inclusion + "x"), 400, "VALIDATION_ERROR");
            assertError(owner.get(LOG + "/proof/consistency?first=2&second=1"), 400, "VALIDATION_ERROR");
            assertError(owner.get(LOG + "/proof/consistency?first=0&second=1"), 400, "VALIDATION_ERROR");
            assertError(owner.get(LOG + "/proof/consistency?first=1&second=" + (size + 1000)), 400, "VALIDATION_ERROR");
            assertError(owner.get(LOG + "/proof/consistency?first=1"), 400, "VALIDATION_ERROR");
            assertThat(owner.get(LOG + "/proof/consistency?first=" + size + "&second=" + size)
                            .expect(200)
                            .body()
                            .get("hashes"))
                    .isEmpty();

            Api human = Api.gateway(system).withToken(system.mintHumanToken("alice"));
            assertThat(human.get(LOG + "/checkpoint").status()).isIn(401, 403);
            Api anotherAgent = Backends.signedAs(
                            system, Principal.agent(system.secrets().spaceId(), UUID.randomUUID(), "other", "key-x"))
                    .commandSide();
            assertError(anotherAgent.get(LOG + "/checkpoint"), 403, "FORBIDDEN");

            Api anotherSpace = Backends.signedAs(
                            system, Principal.agent(UUID.randomUUID(), UUID.randomUUID(), "default", "bootstrap"))
                    .commandSide();
            assertError(anotherSpace.get(LOG + "/proof/inclusion?eventId=" + opened.getEventId()), 404, "NOT_FOUND");
            assertError(anotherSpace.get(LOG + "/checkpoint"), 404, "NOT_FOUND");
            assertError(anotherSpace.get("/v1/admin/sessions/" + session + "/verify"), 404, "NOT_FOUND");
            assertError(owner.get("/v1/admin/sessions/" + UUID.randomUUID() + "/verify"), 404, "NOT_FOUND");
            assertError(anotherAgent.get("/v1/admin/sessions/" + session + "/verify"), 403, "FORBIDDEN");
        }
    }

    @Test
    void a_restart_in_the_middle_and_a_rebuild_from_scratch_give_the_same_roots() throws Exception {
        String key;
        String session;
        SignedCheckpoint before;
        String verifierKey;
        Map<UUID, String> proofsBefore;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            Api owner = Api.gateway(system).withKey(key);
            verifierKey = owner.get(LOG + "/verifier-key").expect(200).text();
            session = owner.openSession();
            owner.sendMessage(session, envelope());
            checkpointCovering(owner, verifierKey, EventLog.stream(system, "session-" + session));
        }
        // Restarted: the reader resumes from its position, without gaps or duplicates.
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(system).withKey(key);
            owner.sendMessage(session, envelope());
            owner.sendMessage(session, envelope());
            List<RecordedEvent> events = EventLog.stream(system, "session-" + session);
            before = checkpointCovering(owner, verifierKey, events);
            proofsBefore = inclusionProofs(owner, events, before.treeSize());
            long leaves = leafCount(system);
            assertThat(leaves).isEqualTo(spaceEventCount(system));
            dropTheLog(system);
        }
        // Rebuilt from the event log alone.
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(system).withKey(key);
            patiently().untilAsserted(() -> assertThat(leafCount(system)).isEqualTo(spaceEventCount(system)));
            patiently()
                    .untilAsserted(() ->
                            assertThat(owner.get(LOG + "/checkpoint").status()).isEqualTo(200));
            for (Map.Entry<UUID, String> proof : proofsBefore.entrySet()) {
                assertThat(inclusion(owner, proof.getKey(), before.treeSize())).isEqualTo(proof.getValue());
            }
            SignedCheckpoint latest =
                    SignedCheckpoint.verified(owner.get(LOG + "/checkpoint").text(), verifierKey);
            assertThat(latest.treeSize()).isGreaterThanOrEqualTo(before.treeSize());
            assertThat(consistent(owner, before, latest)).isTrue();
        }
    }

    private static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.error().get("code").asText()).isEqualTo(code);
    }

    private static long leafCount(LedgerloopSystem system) {
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            return database(client).getCollection("log_leaves").countDocuments();
        }
    }

    /** The events of $all that name a space (there is one space here). */
    private static long spaceEventCount(LedgerloopSystem system) throws Exception {
        return EventLog.all(system).stream()
                .filter(event -> new String(event.getUserMetadata(), StandardCharsets.UTF_8).contains("\"spaceId\""))
                .count();
    }

    private static void dropTheLog(LedgerloopSystem system) {
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            MongoDatabase database = database(client);
            for (String collection : List.of(
                    "log_nodes",
                    "log_leaves",
                    "log_spaces",
                    "log_position",
                    "log_checkpoints",
                    "log_checkpoint_deliveries")) {
                database.getCollection(collection).drop();
            }
        }
    }

    private static MongoDatabase database(MongoClient client) {
        return client.getDatabase("ledgerloop");
    }
}
