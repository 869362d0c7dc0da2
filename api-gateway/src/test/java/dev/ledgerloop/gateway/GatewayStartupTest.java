package dev.ledgerloop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.gateway.config.InvalidConfigurationFailureAnalyzer;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class GatewayStartupTest {
    private static Backend commandSide;
    private static Backend querySide;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
    }

    @AfterAll
    static void stop() {
        commandSide.close();
        querySide.close();
    }

    @Test
    void two_gateways_run_side_by_side_in_one_jvm_each_with_its_own_configuration() {
        Backend otherQuerySide = Backend.start("other-query");
        try (TestGateway first = TestGateway.start(commandSide.uri(), querySide.uri());
                TestGateway second = TestGateway.start(commandSide.uri(), otherQuerySide.uri())) {

            HttpResponse<String> fromFirst =
                    first.send(first.agentRequest("/v1/agent/sessions").build());
            HttpResponse<String> fromSecond =
                    second.send(second.agentRequest("/v1/agent/sessions").build());
            HttpResponse<String> crossed = first.send(first.request("/v1/agent/sessions")
                    .header("X-API-Key", second.apiKey)
                    .build());

            assertThat(fromFirst.body()).isEqualTo("{\"side\":\"query\"}");
            assertThat(fromSecond.body()).isEqualTo("{\"side\":\"other-query\"}");
            assertThat(crossed.statusCode()).isEqualTo(401);
            Backend.Received received = otherQuerySide.nextRequest();
            assertThat(verifier(second.secret)
                            .verify(
                                    received.header(PrincipalHeaders.PRINCIPAL),
                                    received.header(PrincipalHeaders.TIMESTAMP),
                                    received.header(PrincipalHeaders.SIGNATURE),
                                    received.method(),
                                    received.path()))
                    .isPresent();
            assertThat(verifier(first.secret)
                            .verify(
                                    received.header(PrincipalHeaders.PRINCIPAL),
                                    received.header(PrincipalHeaders.TIMESTAMP),
                                    received.header(PrincipalHeaders.SIGNATURE),
                                    received.method(),
                                    received.path()))
                    .isEmpty();
        } finally {
            otherQuerySide.close();
        }
    }

    @Test
    void a_missing_principal_secret_refuses_to_start() {
        Map<String, Object> properties = validProperties();
        properties.remove("ledgerloop.gateway.principal-secret");

        assertRefused(properties, "ledgerloop.gateway.principal-secret", "is not set");
    }

    @Test
    void a_short_principal_secret_refuses_to_start_without_showing_it() {
        String shortSecret = Base64.getEncoder().encodeToString(TestGateway.randomBytes(31));
        Map<String, Object> properties = validProperties();
        properties.put("ledgerloop.gateway.principal-secret", shortSecret);

        InvalidConfigurationException refusal =
                assertRefused(properties, "ledgerloop.gateway.principal-secret", "31 bytes");

        assertThat(refusal.getMessage()).doesNotContain(shortSecret);
        FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(refusal);
        assertThat(analysis.getDescription()).contains("ledgerloop.gateway.principal-secret");
        assertThat(analysis.getAction()).contains("openssl rand -base64 32");
    }

    @Test
    void a_principal_secret_that_is_not_base64_refuses_to_start() {
        Map<String, Object> properties = validProperties();
        properties.put("ledgerloop.gateway.principal-secret", "not base64 at all, though long enough!!");

        assertRefused(properties, "ledgerloop.gateway.principal-secret", "base64");
    }

    @Test
    void a_malformed_bootstrap_key_hash_refuses_to_start() {
        Map<String, Object> properties = validProperties();
        properties.put("ledgerloop.gateway.bootstrap-key-hash", "hlp_" + "ab".repeat(32));

        assertRefused(properties, "ledgerloop.gateway.bootstrap-key-hash", "SHA-256");
    }

    @Test
    void a_bootstrap_key_without_its_space_refuses_to_start() {
        Map<String, Object> properties = validProperties();
        properties.remove("ledgerloop.gateway.bootstrap-space-id");

        assertRefused(properties, "ledgerloop.gateway.bootstrap-space-id", "is not set");
    }

    @Test
    void a_backend_uri_with_a_path_refuses_to_start() {
        Map<String, Object> properties = validProperties();
        properties.put("ledgerloop.gateway.query-side-uri", querySide.uri() + "/api");

        assertRefused(properties, "ledgerloop.gateway.query-side-uri", "not a base URI");
    }

    private static InvalidConfigurationException assertRefused(
            Map<String, Object> properties, String property, String problem) {
        Throwable failure = catchStartFailure(properties);
        assertThat(failure).hasRootCauseInstanceOf(InvalidConfigurationException.class);
        InvalidConfigurationException refusal = (InvalidConfigurationException) rootCause(failure);
        assertThat(refusal.property()).isEqualTo(property);
        assertThat(refusal.getMessage()).contains(problem);
        return refusal;
    }

    private static Throwable catchStartFailure(Map<String, Object> properties) {
        try {
            TestGateway.run(properties).close();
        } catch (RuntimeException failure) {
            return failure;
        }
        throw new AssertionError("The gateway started");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Map<String, Object> validProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("ledgerloop.gateway.command-side-uri", commandSide.uri().toString());
        properties.put("ledgerloop.gateway.query-side-uri", querySide.uri().toString());
        properties.put(
                "ledgerloop.gateway.principal-secret", Base64.getEncoder().encodeToString(TestGateway.randomBytes(32)));
        properties.put("ledgerloop.gateway.bootstrap-key-hash", "ab".repeat(32));
        properties.put(
                "ledgerloop.gateway.bootstrap-space-id", UUID.randomUUID().toString());
        return properties;
    }

    private static PrincipalHeaders verifier(byte[] secret) {
        return new PrincipalHeaders(secret, Clock.systemUTC(), Duration.ofMinutes(5));
    }
}
