package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final int BURST = 3;
    private static final String ISSUER = "https://id.example.test";

    private static final ManualClock clock = new ManualClock();
    private static ECKey issuerKey;
    private static MongoServer mongoServer;
    private static MongoClient mongo;
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        issuerKey = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        mongoServer = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongoServer.bind();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        mongo = MongoClients.create(uri);
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of(
                        "ledgerloop.gateway.mongodb.uri",
                        uri,
                        "ledgerloop.gateway.rate-limit.capacity",
                        BURST,
                        "ledgerloop.gateway.rate-limit.refill-per-second",
                        1,
                        "ledgerloop.gateway.jwt.issuer",
                        ISSUER,
                        "ledgerloop.gateway.jwt.public-key",
                        issuerKey.toPublicJWK().toJSONString()),
                Map.of("rateLimitClock", clock));
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
    void fillTheBucketsAndForgetEarlierRequests() {
        clock.advance(Duration.ofMinutes(1));
        commandSide.forget();
        querySide.forget();
    }

    @Test
    void a_key_over_its_burst_gets_429_with_retry_after_while_others_go_on_and_it_recovers() throws Exception {
        // Whatever agent name the key acts as, it is the key's bucket.
        for (int i = 0; i < BURST; i++) {
            HttpResponse<String> ok = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                    .header("X-Hiloop", "bot-" + i)
                    .build());
            assertThat(ok.statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited =
                gateway.send(gateway.agentRequest("/v1/agent/sessions").build());

        assertError(limited, 429, "RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");

        String token = HumanAuthenticationTest.token(
                issuerKey, ISSUER, "alice", UUID.randomUUID(), Instant.now().plusSeconds(300));
        HttpResponse<String> human = gateway.send(gateway.request("/v1/human/feed")
                .header("Authorization", "Bearer " + token)
                .build());
        assertThat(human.statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        assertThat(gateway.send(gateway.agentRequest("/v1/agent/sessions").build())
                        .statusCode())
                .isEqualTo(200);
        assertError(gateway.send(gateway.agentRequest("/v1/agent/sessions").build()), 429, "RATE_LIMITED");
    }

    @Test
    void a_key_over_its_limit_registers_no_agent_whatever_name_it_asks_for() {
        for (int i = 0; i < BURST; i++) {
            gateway.send(gateway.agentRequest("/v1/agent/sessions").build());
        }
        commandSide.forget();
        querySide.forget();

        HttpResponse<String> limited = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("X-Hiloop", "never-registered")
                .build());

        assertError(limited, 429, "RATE_LIMITED");
        assertThat(commandSide.receivedNothing())
                .as("no registration on the command side")
                .isTrue();
        assertThat(querySide.receivedNothing()).isTrue();
    }
}
