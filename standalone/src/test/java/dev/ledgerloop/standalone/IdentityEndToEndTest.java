package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity at the edge, end to end through the standalone system: humans' tokens from the local issuer, provisioning
 * of agents and their keys, revocation, agents created by a new {@code X-Hiloop} name.
 */
class IdentityEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void humans_agents_and_provisioning_keys_each_reach_only_their_routes() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            String base = "http://localhost:" + system.gatewayPort();
            String bootstrapKey = system.secrets().bootstrapKeyOnce();
            String provisioningKey = system.secrets().provisioningKeyOnce();

            // A human with a token of the local issuer reaches /v1/human as that human of the embedded space.
            String token = system.mintHumanToken("alice");
            HttpResponse<String> me = send(request(base + "/v1/human/me")
                    .header("Authorization", "Bearer " + token)
                    .GET());
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(JSON.readTree(me.body()))
                    .isEqualTo(JSON.readTree("{\"userId\":\"alice\",\"spaceId\":\""
                            + system.secrets().spaceId() + "\"}"));

            // Forged, expired, or the wrong kind of credentials: 401.
            assertUnauthenticated(send(request(base + "/v1/human/me")
                    .header("Authorization", "Bearer " + forgedToken(system))
                    .GET()));
            String expired = LocalTokenIssuer.loadOrCreate(data)
                    .mint("alice", system.secrets().spaceId(), Duration.ofMinutes(-5));
            assertUnauthenticated(send(request(base + "/v1/human/me")
                    .header("Authorization", "Bearer " + expired)
                    .GET()));
            assertUnauthenticated(send(request(base + "/v1/agent/sessions")
                    .header("Authorization", "Bearer " + token)
                    .GET()));
            assertUnauthenticated(send(request(base + "/v1/human/me")
                    .header("X-API-Key", bootstrapKey)
                    .GET()));

            // A provisioning key creates an agent with a key of its own; it can do nothing else, nor can agents
            // provision.
            HttpResponse<String> provisioned = send(request(base + "/v1/provision/agents")
                    .header("X-API-Key", provisioningKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"billing-bot\",\"description\":\"Sends invoices\"}")));
            assertThat(provisioned.statusCode()).as(provisioned.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(provisioned.body());
            String agentId = answer.at("/agent/id").asText();
            String agentKey = answer.get("apiKey").asText();
            String keyId = answer.get("keyId").asText();
            assertThat(answer.at("/agent/name").asText()).isEqualTo("billing-bot");
            assertThat(answer.at("/agent/description").asText()).isEqualTo("Sends invoices");
            assertThat(agentKey).matches("hlp_[0-9a-f]{64}");
            assertThat(status(send(request(base + "/v1/agent/sessions")
                            .header("X-API-Key", provisioningKey)
                            .GET())))
                    .isEqualTo(403);
            assertThat(status(send(request(base + "/v1/provision/agents")
                            .header("X-API-Key", bootstrapKey)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")))))
                    .isEqualTo(403);

            // The new key works (once the api_keys view has it) and acts as the new agent.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(status(send(request(base + "/v1/agent/sessions")
                                    .header("X-API-Key", agentKey)
                                    .GET())))
                            .isEqualTo(200));
            HttpResponse<String> opened = send(request(base + "/v1/agent/sessions")
                    .header("X-API-Key", agentKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(opened.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(opened.body()).get("agentId").asText()).isEqualTo(agentId);

            // Revoked: 401 within the key cache's few seconds; the bootstrap key stays valid.
            HttpResponse<String> revoked = send(request(base + "/v1/provision/agents/" + agentId + "/keys/" + keyId)
                    .header("X-API-Key", provisioningKey)
                    .DELETE());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertUnauthenticated(send(request(base + "/v1/agent/sessions")
                            .header("X-API-Key", agentKey)
                            .GET())));
            assertThat(status(send(request(base + "/v1/agent/sessions")
                            .header("X-API-Key", bootstrapKey)
                            .GET())))
                    .isEqualTo(200);

            // A new X-Hiloop name creates the agent: one AgentRegistered event, visible in the agents view.
            for (int i = 0; i < 3; i++) {
                assertThat(status(send(request(base + "/v1/agent/sessions")
                                .header("X-API-Key", bootstrapKey)
                                .header("X-Hiloop", "fresh-bot")
                                .GET())))
                        .isEqualTo(200);
            }
            try (MongoClient mongo = MongoClients.create(system.mongoConnectionString())) {
                var agents = mongo.getDatabase("ledgerloop").getCollection("agents");
                await().atMost(Duration.ofSeconds(20))
                        .until(() ->
                                agents.find(Filters.eq("name", "fresh-bot")).first() != null);
                Document agent = agents.find(Filters.eq("name", "fresh-bot")).first();
                assertThat(agent.getString("spaceId"))
                        .isEqualTo(system.secrets().spaceId().toString());
                assertThat(eventTypes(system, "agent-" + agent.getString("_id")))
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
            String base = "http://localhost:" + system.gatewayPort();
            String key = system.secrets().bootstrapKeyOnce();
            HttpResponse<String> last = null;
            for (int i = 0; i <= burst; i++) {
                last = send(request(base + "/v1/agent/sessions")
                        .header("X-API-Key", key)
                        .GET());
                if (last.statusCode() == 429) {
                    break;
                }
                assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
            }
            // A refill of 1/s may grant one more request while the burst is spent, never more.
            if (last.statusCode() != 429) {
                last = send(request(base + "/v1/agent/sessions")
                        .header("X-API-Key", key)
                        .GET());
            }
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(last.body()).at("/error/code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            String token = system.mintHumanToken("bob");
            assertThat(status(send(request(base + "/v1/human/me")
                            .header("Authorization", "Bearer " + token)
                            .GET())))
                    .isEqualTo(200);
        }
    }

    @Test
    void the_same_idempotency_key_twice_opens_one_session() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            String base = "http://localhost:" + system.gatewayPort();
            String key = system.secrets().bootstrapKeyOnce();
            HttpRequest.Builder open = request(base + "/v1/agent/sessions")
                    .header("X-API-Key", key)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "open-session-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));

            HttpResponse<String> first = send(open);
            HttpResponse<String> again = send(open);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(201);
            String sessionId = JSON.readTree(first.body()).get("id").asText();
            assertThat(JSON.readTree(again.body()).get("id").asText()).isEqualTo(sessionId);
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(allEventTypes(system)).containsOnlyOnce("SessionOpened");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(JSON.readTree(send(request(base + "/v1/agent/sessions")
                                                    .header("X-API-Key", key)
                                                    .GET())
                                            .body())
                                    .get("total")
                                    .asLong())
                            .isEqualTo(1));
        }
    }

    private static List<String> allEventTypes(LedgerloopSystem system) throws Exception {
        EventStoreDBClient client = EventStoreDBClient.create(
                EventStoreDBConnectionString.parseOrThrow(system.eventStoreConnectionString()));
        try {
            return client
                    .readAll(ReadAllOptions.get().forwards().fromStart())
                    .get(10, TimeUnit.SECONDS)
                    .getEvents()
                    .stream()
                    .map(ResolvedEvent::getEvent)
                    .map(event -> event.getEventType())
                    .filter(type -> !type.startsWith("$"))
                    .toList();
        } finally {
            client.shutdown();
        }
    }

    private static List<String> eventTypes(LedgerloopSystem system, String stream) throws Exception {
        EventStoreDBClient client = EventStoreDBClient.create(
                EventStoreDBConnectionString.parseOrThrow(system.eventStoreConnectionString()));
        try {
            return client.readStream(stream, ReadStreamOptions.get()).get(10, TimeUnit.SECONDS).getEvents().stream()
                    .map(ResolvedEvent::getEvent)
                    .map(event -> event.getEventType())
                    .toList();
        } finally {
            client.shutdown();
        }
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

    private static void assertUnauthenticated(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }
}
