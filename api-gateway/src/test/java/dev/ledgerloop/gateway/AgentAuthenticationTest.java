package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentAuthenticationTest {
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;
    private static PrincipalHeaders backendVerifier;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(commandSide.uri(), querySide.uri());
        backendVerifier = new PrincipalHeaders(gateway.secret, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        commandSide.forget();
        querySide.forget();
    }

    @Test
    void the_backend_receives_a_signed_principal_of_the_keys_default_agent_and_never_the_key() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .POST(BodyPublishers.ofString("{}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        Backend.Received received = commandSide.nextRequest();
        assertThat(verifiedPrincipal(received))
                .contains(Principal.agent(gateway.spaceId, gateway.agentId, TestGateway.AGENT_NAME, "bootstrap"));
        assertThat(received.header("X-API-Key")).isNull();
        assertThat(received.headers().values().toString()).doesNotContain(gateway.apiKey);
    }

    @Test
    void principal_headers_sent_by_the_client_never_reach_the_backend() {
        Principal forged = Principal.agent(UUID.randomUUID(), UUID.randomUUID(), "intruder", "k");
        var forgedHeaders = new PrincipalHeaders(
                        "an-attacker-guessing-the-secret!".getBytes(StandardCharsets.UTF_8),
                        Clock.systemUTC(),
                        Duration.ofMinutes(5))
                .sign(forged, "GET", "/v1/agent/sessions");

        HttpRequest.Builder request = gateway.agentRequest("/v1/agent/sessions")
                .header("x-ledgerloop-principal-extra", "anything")
                .header("X-LEDGERLOOP-PRINCIPAL", "upper-case-variant");
        forgedHeaders.forEach(request::header);
        gateway.send(request.build());

        Backend.Received received = querySide.nextRequest();
        assertThat(received.headerNamesStartingWith("X-Ledgerloop-Principal"))
                .containsExactlyInAnyOrder(
                        "x-ledgerloop-principal",
                        "x-ledgerloop-principal-timestamp",
                        "x-ledgerloop-principal-signature");
        assertThat(received.headers().get(PrincipalHeaders.PRINCIPAL)).hasSize(1);
        assertThat(received.headers().get(PrincipalHeaders.TIMESTAMP)).hasSize(1);
        assertThat(received.headers().get(PrincipalHeaders.SIGNATURE)).hasSize(1);
        assertThat(verifiedPrincipal(received)).map(Principal::agentName).contains(TestGateway.AGENT_NAME);
    }

    @Test
    void a_missing_key_answers_401_and_reaches_no_backend() {
        HttpResponse<String> response =
                gateway.send(gateway.request("/v1/agent/sessions").build());

        assertThat(assertError(response, 401, "UNAUTHENTICATED")).contains("X-API-Key");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hlp_short",
                "hlp_0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
                "hlp_prov_short",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "hlp_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"
            })
    void aMalformedKeyAnswers401(String key) {
        HttpResponse<String> response = gateway.send(
                gateway.request("/v1/agent/sessions").header("X-API-Key", key).build());

        assertThat(assertError(response, 401, "UNAUTHENTICATED")).startsWith("Malformed API key");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @Test
    void an_unknown_key_answers_401() {
        String unknown = "hlp_" + "ab".repeat(32);

        HttpResponse<String> response = gateway.send(gateway.request("/v1/agent/sessions")
                .header("X-API-Key", unknown)
                .POST(BodyPublishers.ofString("{}"))
                .build());

        assertThat(assertError(response, 401, "UNAUTHENTICATED")).isEqualTo("Unknown API key");
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @Test
    void a_bearer_token_answers_401_for_now() {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/human/feed")
                .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")
                .build());

        assertThat(assertError(response, 401, "UNAUTHENTICATED")).contains("Bearer");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @Test
    void an_authorization_header_beside_the_key_is_not_forwarded() {
        gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .build());

        Backend.Received received = querySide.nextRequest();
        assertThat(received.header("Authorization")).isNull();
        assertThat(verifiedPrincipal(received)).isPresent();
    }

    @Test
    void an_agent_name_acts_as_a_stable_agent_of_the_keys_space() {
        Principal first = principalActingAs("deploy-bot");
        Principal again = principalActingAs("deploy-bot");
        Principal other = principalActingAs("monitor-bot");

        UUID expected = UUID.nameUUIDFromBytes(
                ("space:" + gateway.spaceId + ":agent:deploy-bot").getBytes(StandardCharsets.UTF_8));
        assertThat(first.subjectId()).isEqualTo(expected.toString());
        assertThat(again).isEqualTo(first);
        assertThat(first.agentName()).isEqualTo("deploy-bot");
        assertThat(first.spaceId()).isEqualTo(gateway.spaceId);
        assertThat(other.subjectId()).isNotEqualTo(first.subjectId());
    }

    @Test
    void the_default_agent_name_acts_as_the_default_agent() {
        assertThat(principalActingAs(TestGateway.AGENT_NAME).subjectId()).isEqualTo(gateway.agentId.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "deploy bot", "deploy/bot", "bot!", "ünïcode", "x"})
    void an_invalid_agent_name_answers_400(String name) {
        // "x" stands for the 101-character name built below (a parameter cannot be that long readably).
        String agentName = name.equals("x") ? "a".repeat(101) : name;

        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("X-Hiloop", agentName)
                .build());

        assertThat(assertError(response, 400, "VALIDATION_ERROR")).contains("X-Hiloop");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @Test
    void a_name_of_a_hundred_allowed_characters_is_accepted() {
        String name = "Aa0._-".repeat(16) + "abcd";

        assertThat(principalActingAs(name).agentName()).isEqualTo(name);
    }

    @Test
    void an_invalid_agent_name_with_an_unknown_key_still_answers_401() {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/agent/sessions")
                .header("X-API-Key", "hlp_" + "cd".repeat(32))
                .header("X-Hiloop", "bad name")
                .build());

        assertError(response, 401, "UNAUTHENTICATED");
    }

    private static Principal principalActingAs(String agentName) {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("X-Hiloop", agentName)
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return verifiedPrincipal(querySide.nextRequest()).orElseThrow();
    }

    private static Optional<Principal> verifiedPrincipal(Backend.Received received) {
        return backendVerifier.verify(
                received.header(PrincipalHeaders.PRINCIPAL),
                received.header(PrincipalHeaders.TIMESTAMP),
                received.header(PrincipalHeaders.SIGNATURE),
                received.method(),
                received.path());
    }
}
