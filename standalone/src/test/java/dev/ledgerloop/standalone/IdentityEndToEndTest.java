package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity at the edge, end to end through the standalone system: humans' tokens from the local issuer, provisioning
 * of agents and their keys, revocation, agents created by a new {@code X-Hiloop} name.
 */
class IdentityEndToEndTest {
    @TempDir
    Path data;

    @Test
    void humans_agents_and_provisioning_keys_each_reach_only_their_routes() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api gateway = gateway(system);
            String bootstrapKey = system.secrets().bootstrapKeyOnce();
            String provisioningKey = system.secrets().provisioningKeyOnce();

            // A human with a token of the local issuer reaches /v1/human as that human of the embedded space.
            String token = system.mintHumanToken("alice");
            Answer me = gateway.withToken(token).get("/v1/human/me");
            assertThat(me.status()).as(me.text()).isEqualTo(200);
            assertThat(me.body())
                    .isEqualTo(Json.read("{\"userId\":\"alice\",\"spaceId\":\""
                            + system.secrets().spaceId() + "\"}"));

            // Forged, expired, or the wrong kind of credentials: 401.
            assertUnauthenticated(gateway.withToken(forgedToken(system)).get("/v1/human/me"));
            String expired = LocalTokenIssuer.loadOrCreate(data)
                    .mint("alice", system.secrets().spaceId(), Duration.ofMinutes(-5));
            assertUnauthenticated(gateway.withToken(expired).get("/v1/human/me"));
            assertUnauthenticated(gateway.withToken(token).get("/v1/agent/sessions"));
            assertUnauthenticated(gateway.withKey(bootstrapKey).get("/v1/human/me"));

            // A provisioning key creates an agent with a key of its own; it can do nothing else, nor can agents
            // provision.
            Answer provisioned = gateway.withKey(provisioningKey)
                    .post("/v1/provision/agents", "{\"name\":\"billing-bot\",\"description\":\"Sends invoices\"}");
            assertThat(provisioned.status()).as(provisioned.text()).isEqualTo(201);
            JsonNode answer = provisioned.body();
            String agentId = answer.at("/agent/id").asText();
            String agentKey = answer.get("apiKey").asText();
            String keyId = answer.get("keyId").asText();
            assertThat(answer.at("/agent/name").asText()).isEqualTo("billing-bot");
            assertThat(answer.at("/agent/description").asText()).isEqualTo("Sends invoices");
            assertThat(agentKey).matches("hlp_[0-9a-f]{64}");
            assertThat(gateway.withKey(provisioningKey)
                            .get("/v1/agent/sessions")
                            .status())
                    .isEqualTo(403);
            assertThat(gateway.withKey(bootstrapKey)
                            .post("/v1/provision/agents", "{\"name\":\"x\"}")
                            .status())
                    .isEqualTo(403);

            // The new key works (once the api_keys view has it) and acts as the new agent.
            forTheViews().untilAsserted(() -> assertThat(
                            gateway.withKey(agentKey).get("/v1/agent/sessions").status())
                    .isEqualTo(200));
            Answer opened = gateway.withKey(agentKey).post("/v1/agent/sessions", "{}");
            assertThat(opened.status()).isEqualTo(201);
            assertThat(opened.body().get("agentId").asText()).isEqualTo(agentId);

            // Revoked: 401 within the key cache's few seconds; the bootstrap key stays valid.
            Answer revoked =
                    gateway.withKey(provisioningKey).delete("/v1/provision/agents/" + agentId + "/keys/" + keyId);
            assertThat(revoked.status()).as(revoked.text()).isEqualTo(204);
            forTheViews()
                    .untilAsserted(() ->
                            assertUnauthenticated(gateway.withKey(agentKey).get("/v1/agent/sessions")));
            assertThat(gateway.withKey(bootstrapKey).get("/v1/agent/sessions").status())
                    .isEqualTo(200);

            // A new X-Hiloop name creates the agent: one AgentRegistered event, visible in the agents view.
            for (int i = 0; i < 3; i++) {
                assertThat(gateway.withKey(bootstrapKey, "fresh-bot")
                                .get("/v1/agent/sessions")
                                .status())
                        .isEqualTo(200);
            }
            try (MongoClient mongo = MongoClients.create(system.mongoConnectionString())) {
                var agents = mongo.getDatabase("ledgerloop").getCollection("agents");
                forTheViews()
                        .until(() ->
                                agents.find(Filters.eq("name", "fresh-bot")).first() != null);
                Document agent = agents.find(Filters.eq("name", "fresh-bot")).first();
                assertThat(agent.getString("spaceId"))
                        .isEqualTo(system.secrets().spaceId().toString());
                assertThat(EventLog.types(system, "agent-" + agent.getString("_id")))
                        .containsExactly("AgentRegistered");
            }
        }
    }

    @Test
    void a_key_over_its_burst_is_answered_429_with_retry_after() throws Exception {
        int burst = 5;
        try (LedgerloopSystem system = LedgerloopSystem.start(
                data,
                0,
                Map.of(
                        "ledgerloop.gateway.rate-limit.capacity",
                        burst,
                        "ledgerloop.gateway.rate-limit.refill-per-second",
                        1))) {
            Api gateway = gateway(system);
            Api agent = gateway.withKey(system.secrets().bootstrapKeyOnce());
            Answer last = null;
            for (int i = 0; i <= burst; i++) {
                last = agent.get("/v1/agent/sessions");
                if (last.status() == 429) {
                    break;
                }
                assertThat(last.status()).as(last.text()).isEqualTo(200);
            }
            // A refill of 1/s may grant one more request while the burst is spent, never more.
            if (last.status() != 429) {
                last = agent.get("/v1/agent/sessions");
            }
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.body().at("/error/code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(last.header("Retry-After")).isPresent();
            String token = system.mintHumanToken("bob");
            assertThat(gateway.withToken(token).get("/v1/human/me").status()).isEqualTo(200);
        }
    }

    @Test
    void the_same_idempotency_key_twice_opens_one_session() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api agent = gateway(system).withKey(system.secrets().bootstrapKeyOnce());
            Api opening = agent.withHeader("Idempotency-Key", "open-session-1");

            Answer first = opening.post("/v1/agent/sessions", "{}");
            Answer again = opening.post("/v1/agent/sessions", "{}");

            assertThat(first.status()).as(first.text()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(201);
            String sessionId = first.id();
            assertThat(again.id()).isEqualTo(sessionId);
            assertThat(again.header("Idempotent-Replayed")).contains("true");
            assertThat(EventLog.allTypes(system)).containsOnlyOnce("SessionOpened");
            forTheViews().untilAsserted(() -> assertThat(
                            agent.get("/v1/agent/sessions").body().get("total").asLong())
                    .isEqualTo(1));
        }
    }

    /** The gateway, every request bounded by 20 seconds. */
    private static Api gateway(LedgerloopSystem system) {
        return Api.gateway(system).withTimeout(Duration.ofSeconds(20));
    }

    /** A well-formed token of the right issuer and space, signed by a key that is not the issuer's. */
    private static String forgedToken(LedgerloopSystem system) throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("forged").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(other.getKeyID())
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(LocalTokenIssuer.ISSUER)
                        .subject("mallory")
                        .claim("space", system.secrets().spaceId().toString())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        jwt.sign(new ECDSASigner(other));
        return jwt.serialize();
    }

    private static void assertUnauthenticated(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.body().at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
