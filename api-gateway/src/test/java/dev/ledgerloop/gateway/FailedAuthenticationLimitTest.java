package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FailedAuthenticationLimitTest {
    private static final int ALLOWED_FAILURES = 5;

    private static final ManualClock clock = new ManualClock();
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of(
                        "ledgerloop.gateway.failed-authentication.capacity",
                        ALLOWED_FAILURES,
                        "ledgerloop.gateway.failed-authentication.refill-per-minute",
                        6),
                Map.of("failedAuthenticationClock", clock));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
    }

    @Test
    void an_address_that_keeps_guessing_keys_gets_429_before_any_look_up_and_recovers_later() {
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertError(guess(), 401, "UNAUTHENTICATED");
        }

        HttpResponse<String> limited = guess();
        HttpResponse<String> evenWithTheRightKey =
                gateway.send(gateway.agentRequest("/v1/agent/sessions").build());

        assertError(limited, 429, "RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).contains("10");
        assertError(evenWithTheRightKey, 429, "RATE_LIMITED");
        assertThat(querySide.receivedNothing()).isTrue();

        clock.advance(Duration.ofSeconds(10));
        assertThat(gateway.send(gateway.agentRequest("/v1/agent/sessions").build())
                        .statusCode())
                .isEqualTo(200);
        assertError(guess(), 401, "UNAUTHENTICATED");
        assertError(guess(), 429, "RATE_LIMITED");
    }

    private static HttpResponse<String> guess() {
        return gateway.send(gateway.request("/v1/agent/sessions")
                .header("X-API-Key", "hlp_" + HexFormat.of().formatHex(TestGateway.randomBytes(32)))
                .build());
    }
}
