package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.platform.hash.Sha256Hex;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POSTs, with the replies kept in a MongoDB (mongo-java-server over the wire). */
class IdempotencyTest {
    private static MongoServer mongo;
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;
    private static String mongoUri;

    @BeforeAll
    static void start() {
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        mongoUri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(), querySide.uri(), Map.of("ledgerloop.gateway.mongodb.uri", mongoUri));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
        mongo.shutdownNow();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        commandSide.forget();
        querySide.forget();
    }

    @Test
    void a_repeated_key_gets_the_first_answer_without_reaching_the_backend_again() {
        commandSide.answerWith(Backend.Answer.json(201, "{\"id\":\"first\"}"));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = post("/v1/agent/sessions", key);
        commandSide.answerWith(Backend.Answer.json(201, "{\"id\":\"second\"}"));
        HttpResponse<String> again = post("/v1/agent/sessions", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo("{\"id\":\"first\"}");
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        // Only the first POST reached the backend (the gateway may also have registered the agent, once per agent).
        assertThat(commandSide.received("POST", "/v1/agent/sessions")).hasSize(1);
    }

    @Test
    void the_same_key_on_another_body_answers_409_and_reaches_no_backend() {
        String key = UUID.randomUUID().toString();
        commandSide.answerWith(Backend.Answer.json(201, "{\"id\":\"first\"}"));
        assertThat(post("/v1/agent/sessions", key, "{\"isPublic\":false}").statusCode())
                .isEqualTo(201);
        assertThat(new String(
                        commandSide
                                .received("POST", "/v1/agent/sessions")
                                .get(0)
                                .body(),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"isPublic\":false}");

        HttpResponse<String> other = post("/v1/agent/sessions", key, "{\"isPublic\":true}");

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("CONFLICT").contains("another request");
        assertThat(commandSide.received("POST", "/v1/agent/sessions")).hasSize(1);
    }

    @Test
    void the_same_key_with_another_method_on_the_same_path_answers_409_and_reaches_no_backend() {
        String key = UUID.randomUUID().toString();
        String path = "/v1/agent/sessions/" + UUID.randomUUID() + "/messages";
        commandSide.answerWith(Backend.Answer.json(201, "{\"id\":\"first\"}"));
        assertThat(post(path, key).statusCode()).isEqualTo(201);

        HttpResponse<String> other = gateway.send(gateway.agentRequest(path)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{}"))
                .build());

        assertThat(assertError(other, 409, "CONFLICT")).contains("use a new key for a new request");
        assertThat(commandSide.received("PUT", path)).isEmpty();
        assertThat(querySide.received("PUT", path)).isEmpty();
    }

    @Test
    void a_read_carrying_a_key_a_post_used_is_no_reuse_and_is_answered() {
        String key = UUID.randomUUID().toString();
        String path = "/v1/agent/sessions/" + UUID.randomUUID() + "/messages";
        commandSide.answerWith(Backend.Answer.json(201, "{\"id\":\"first\"}"));
        assertThat(post(path, key).statusCode()).isEqualTo(201);

        HttpResponse<String> read = gateway.send(
                gateway.agentRequest(path).header("Idempotency-Key", key).GET().build());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(querySide.received("GET", path)).hasSize(1);
    }

    @Test
    void a_kept_answer_is_not_readable_in_the_store() {
        String secret = "whsec_" + UUID.randomUUID();
        commandSide.answerWith(Backend.Answer.json(201, "{\"secret\":\"" + secret + "\"}"));
        String key = UUID.randomUUID().toString();

        assertThat(post("/v1/agent/sessions", key).body()).contains(secret);
        assertThat(post("/v1/agent/sessions", key).body()).contains(secret);

        AtomicInteger kept = new AtomicInteger();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            for (String database : client.listDatabaseNames()) {
                client.getDatabase(database).getCollection("idempotency").find().forEach(document -> {
                    assertThat(document.toJson()).doesNotContain(secret);
                    Binary body = document.get("body", Binary.class);
                    if (body != null) {
                        assertThat(new String(body.getData(), StandardCharsets.ISO_8859_1))
                                .doesNotContain(secret);
                    }
                });
            }
        }
    }

    @Test
    void another_key_or_another_path_is_another_request() {
        String key = UUID.randomUUID().toString();

        post("/v1/agent/sessions", key);
        post("/v1/agent/sessions", UUID.randomUUID().toString());
        post("/v1/agent/sessions/" + UUID.randomUUID() + "/close", key);

        assertThat(commandSide.nextRequest()).isNotNull();
        assertThat(commandSide.nextRequest()).isNotNull();
        assertThat(commandSide.nextRequest()).isNotNull();
    }

    @Test
    void another_agents_same_key_is_another_request() {
        String key = UUID.randomUUID().toString();

        gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("Idempotency-Key", key)
                .header("X-Hiloop", "one")
                .POST(BodyPublishers.ofString("{}"))
                .build());
        gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("Idempotency-Key", key)
                .header("X-Hiloop", "two")
                .POST(BodyPublishers.ofString("{}"))
                .build());

        assertThat(commandSide.nextRequest()).isNotNull();
        assertThat(commandSide.nextRequest()).isNotNull();
    }

    @Test
    void a_server_error_is_not_kept_so_a_retry_runs_again() {
        commandSide.answerWith(Backend.Answer.json(500, "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"x\"}}"));
        String key = UUID.randomUUID().toString();

        post("/v1/agent/sessions", key);
        commandSide.answerWith(Backend.Answer.json(201, "{\"id\":\"retried\"}"));
        HttpResponse<String> retry = post("/v1/agent/sessions", key);

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo("{\"id\":\"retried\"}");
    }

    @Test
    void a_malformed_key_answers_400() {
        assertError(post("/v1/agent/sessions", "with space"), 400, "VALIDATION_ERROR");
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @Test
    void provisioning_answers_are_never_kept_because_they_hold_a_new_key() {
        String provisioningKey = "hlp_prov_" + java.util.HexFormat.of().formatHex(TestGateway.randomBytes(32));
        try (TestGateway provisioning = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of(
                        "ledgerloop.gateway.mongodb.uri",
                        mongoUri,
                        "ledgerloop.gateway.api-keys.provisioning-key-hash",
                        Sha256Hex.of(provisioningKey)))) {
            HttpResponse<String> response = provisioning.send(provisioning
                    .request("/v1/provision/agents")
                    .header("X-API-Key", provisioningKey)
                    .header("Idempotency-Key", "p-1")
                    .POST(BodyPublishers.ofString("{\"name\":\"a\"}"))
                    .build());

            assertError(response, 400, "VALIDATION_ERROR");
            assertThat(commandSide.receivedNothing()).isTrue();
        }
    }

    @Test
    void without_a_store_the_key_is_refused_rather_than_ignored() {
        try (TestGateway plain = TestGateway.start(commandSide.uri(), querySide.uri())) {
            HttpResponse<String> response = plain.send(plain.agentRequest("/v1/agent/sessions")
                    .header("Idempotency-Key", "k-1")
                    .POST(BodyPublishers.ofString("{}"))
                    .build());

            assertError(response, 400, "VALIDATION_ERROR");
        }
    }

    private static HttpResponse<String> post(String path, String key) {
        return post(path, key, "{}");
    }

    private static HttpResponse<String> post(String path, String key, String body) {
        return gateway.send(gateway.agentRequest(path)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body))
                .build());
    }
}
