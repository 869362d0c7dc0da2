package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.AgentNames;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys issued through provisioning, read from the {@code api_keys} view (mongo-java-server over the wire), the
 * provisioning key's reach, and the registration of agents the gateway has not seen.
 */
class StoredApiKeysTest {
    private static final String PROVISIONING_KEY = "hlp_prov_" + HexFormat.of().formatHex(TestGateway.randomBytes(32));
    private static final String OTHER_SPACE_PROVISIONING_KEY =
            "hlp_prov_" + HexFormat.of().formatHex(TestGateway.randomBytes(32));
    private static final UUID OTHER_SPACE = UUID.randomUUID();

    private static MongoServer mongoServer;
    private static MongoClient mongo;
    private static MongoDatabase database;
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;
    private static PrincipalHeaders backendVerifier;

    @BeforeAll
    static void start() {
        mongoServer = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongoServer.bind();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        mongo = MongoClients.create(uri);
        database = mongo.getDatabase("ledgerloop");
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of(
                        "ledgerloop.gateway.mongodb.uri",
                        uri,
                        "ledgerloop.gateway.api-keys.cache-ttl",
                        "1s",
                        "ledgerloop.gateway.api-keys.provisioning-key-hash",
                        Sha256Hex.of(PROVISIONING_KEY),
                        "ledgerloop.gateway.api-keys.spaces[0].space-id",
                        OTHER_SPACE.toString(),
                        "ledgerloop.gateway.api-keys.spaces[0].provisioning-key-hash",
                        Sha256Hex.of(OTHER_SPACE_PROVISIONING_KEY),
                        "ledgerloop.gateway.api-keys.spaces[0].provisioning-key-id",
                        "tenant-b"));
        backendVerifier = new PrincipalHeaders(gateway.secret, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
        mongo.close();
        mongoServer.shutdownNow();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        commandSide.forget();
        querySide.forget();
    }

    @Test
    void an_issued_key_acts_as_its_agent_until_revoked() {
        UUID keyId = UUID.randomUUID();
        UUID agentId = UUID.randomUUID();
        String key = storeKey(keyId, agentId, "billing-bot");
        agentsView().insertOne(new Document("_id", agentId.toString()).append("name", "billing-bot"));

        HttpResponse<String> response = gateway.send(
                gateway.request("/v1/agent/sessions").header("X-API-Key", key).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(principalOf(querySide.nextRequest()))
                .contains(Principal.agent(gateway.spaceId, agentId, "billing-bot", keyId.toString()));
        assertThat(commandSide.receivedNothing())
                .as("a registered agent is not registered again")
                .isTrue();

        database.getCollection("api_keys").updateOne(Filters.eq("_id", keyId.toString()), Updates.set("revoked", true));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertError(
                        gateway.send(gateway.request("/v1/agent/sessions")
                                .header("X-API-Key", key)
                                .build()),
                        401,
                        "UNAUTHENTICATED"));
    }

    @Test
    void a_key_with_only_the_agent_permission_may_not_name_another_agent_and_registers_none() {
        UUID agentId = UUID.randomUUID();
        // Stored without permissions, as the view holds a key issued before keys had them: agent only.
        String key = storeKey(UUID.randomUUID(), agentId, "billing-bot");
        agentsView().insertOne(new Document("_id", agentId.toString()).append("name", "billing-bot"));

        assertError(
                gateway.send(gateway.request("/v1/agent/sessions")
                        .header("X-API-Key", key)
                        .header("X-Hiloop", "payroll-bot")
                        .build()),
                403,
                "FORBIDDEN");
        assertThat(commandSide.receivedNothing()).as("no agent registered").isTrue();
        assertThat(querySide.receivedNothing()).isTrue();

        HttpResponse<String> own = gateway.send(gateway.request("/v1/agent/sessions")
                .header("X-API-Key", key)
                .header("X-Hiloop", "billing-bot")
                .build());
        assertThat(own.statusCode()).isEqualTo(200);
    }

    @Test
    void a_key_with_the_manage_permission_acts_as_and_registers_another_agent() {
        UUID keyId = UUID.randomUUID();
        String key = storeKey(keyId, UUID.randomUUID(), "ops-bot", List.of("agent", "manage"));
        String name = "payroll-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> response = gateway.send(gateway.request("/v1/agent/sessions")
                .header("X-API-Key", key)
                .header("X-Hiloop", name)
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        Principal named =
                Principal.agent(gateway.spaceId, AgentNames.agentId(gateway.spaceId, name), name, keyId.toString());
        assertThat(commandSide.nextRequest().uri()).isEqualTo("/v1/agent/registration");
        assertThat(principalOf(querySide.nextRequest())).contains(named);
    }

    @Test
    void an_unknown_key_answers_401() {
        String unknown = "hlp_" + HexFormat.of().formatHex(TestGateway.randomBytes(32));

        assertError(
                gateway.send(gateway.request("/v1/agent/sessions")
                        .header("X-API-Key", unknown)
                        .build()),
                401,
                "UNAUTHENTICATED");
    }

    @Test
    void the_bootstrap_key_stays_valid() {
        assertThat(gateway.send(gateway.agentRequest("/v1/agent/sessions").build())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void an_agent_not_in_the_view_is_registered_once_on_the_command_side() {
        String name = "new-bot-" + UUID.randomUUID().toString().substring(0, 8);

        gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("X-Hiloop", name)
                .build());
        Backend.Received registration = commandSide.nextRequest();
        gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("X-Hiloop", name)
                .build());

        assertThat(registration.method()).isEqualTo("PUT");
        assertThat(registration.uri()).isEqualTo("/v1/agent/registration");
        assertThat(principalOf(registration))
                .map(Principal::subjectId)
                .contains(AgentNames.agentId(gateway.spaceId, name).toString());
        assertThat(commandSide.receivedNothing())
                .as("registered once by this gateway")
                .isTrue();
    }

    @Test
    void a_provisioning_key_reaches_only_provisioning() {
        HttpResponse<String> provision = gateway.send(gateway.request("/v1/provision/agents")
                .header("X-API-Key", PROVISIONING_KEY)
                .POST(BodyPublishers.ofString("{\"name\":\"a\"}"))
                .build());
        assertThat(provision.statusCode()).isEqualTo(200);
        assertThat(principalOf(commandSide.nextRequest()))
                .contains(Principal.provisioning(gateway.spaceId, "provisioning"));

        assertError(
                gateway.send(gateway.request("/v1/agent/sessions")
                        .header("X-API-Key", PROVISIONING_KEY)
                        .build()),
                403,
                "FORBIDDEN");
        assertError(
                gateway.send(gateway.agentRequest("/v1/provision/agents")
                        .POST(BodyPublishers.ofString("{}"))
                        .build()),
                403,
                "FORBIDDEN");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @Test
    void a_further_spaces_provisioning_key_provisions_in_that_space() {
        HttpResponse<String> provision = gateway.send(gateway.request("/v1/provision/agents")
                .header("X-API-Key", OTHER_SPACE_PROVISIONING_KEY)
                .POST(BodyPublishers.ofString("{\"name\":\"a\"}"))
                .build());

        assertThat(provision.statusCode()).isEqualTo(200);
        assertThat(principalOf(commandSide.nextRequest())).contains(Principal.provisioning(OTHER_SPACE, "tenant-b"));
    }

    @Test
    void an_unknown_provisioning_key_answers_401() {
        String unknown = "hlp_prov_" + HexFormat.of().formatHex(TestGateway.randomBytes(32));

        assertError(
                gateway.send(gateway.request("/v1/provision/agents")
                        .header("X-API-Key", unknown)
                        .POST(BodyPublishers.ofString("{}"))
                        .build()),
                401,
                "UNAUTHENTICATED");
    }

    private static String storeKey(UUID keyId, UUID agentId, String agentName) {
        return storeKey(keyId, agentId, agentName, null);
    }

    /** A key as the {@code api_keys} view holds it; {@code permissions} null: as stored before keys had them. */
    private static String storeKey(UUID keyId, UUID agentId, String agentName, List<String> permissions) {
        String key = "hlp_" + HexFormat.of().formatHex(TestGateway.randomBytes(32));
        Document document = new Document("_id", keyId.toString())
                .append("keyHash", Sha256Hex.of(key))
                .append("spaceId", gateway.spaceId.toString())
                .append("agentId", agentId.toString())
                .append("agentName", agentName)
                .append("revoked", false);
        if (permissions != null) {
            document.append("permissions", permissions);
        }
        database.getCollection("api_keys").insertOne(document);
        return key;
    }

    private static com.mongodb.client.MongoCollection<Document> agentsView() {
        return database.getCollection("agents");
    }

    private static Optional<Principal> principalOf(Backend.Received received) {
        return backendVerifier.verify(
                received.header(PrincipalHeaders.PRINCIPAL),
                received.header(PrincipalHeaders.TIMESTAMP),
                received.header(PrincipalHeaders.SIGNATURE),
                received.method(),
                received.path());
    }
}
