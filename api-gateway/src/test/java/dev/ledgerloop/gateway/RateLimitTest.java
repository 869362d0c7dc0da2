package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final int BURST = 3;
    private static final String ISSUER = "https://id.example.test";

    private static ECKey issuerKey;
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        issuerKey = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of(
                        "ledgerloop.gateway.rate-limit.capacity",
                        BURST,
                        "ledgerloop.gateway.rate-limit.refill-per-second",
                        1,
                        "ledgerloop.gateway.jwt.issuer",
                        ISSUER,
                        "ledgerloop.gateway.jwt.public-key",
                        issuerKey.toPublicJWK().toJSONString()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
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
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));

        String token = HumanAuthenticationTest.token(
                issuerKey, ISSUER, "alice", UUID.randomUUID(), Instant.now().plusSeconds(300));
        HttpResponse<String> human = gateway.send(gateway.request("/v1/human/feed")
                .header("Authorization", "Bearer " + token)
                .build());
        assertThat(human.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(gateway.send(gateway.agentRequest("/v1/agent/sessions")
                                        .build())
                                .statusCode())
                        .isEqualTo(200));
    }
}
