package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingTest {
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(commandSide.uri(), querySide.uri());
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

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD"})
    void reads_go_to_the_query_side(String method) {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .method(method, BodyPublishers.noBody())
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        Backend.Received received = querySide.nextRequest();
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.uri()).isEqualTo("/v1/agent/sessions");
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void writes_go_to_the_command_side_with_their_body(String method) {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/messages/m-1")
                .header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString("{\"typing\":true}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"side\":\"command\"}");
        Backend.Received received = commandSide.nextRequest();
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.uri()).isEqualTo("/v1/agent/sessions/s-1/messages/m-1");
        assertThat(received.bodyText()).isEqualTo("{\"typing\":true}");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/admin/projections", "/v1/admin/projections/timeline/rebuild"})
    void the_projections_admin_api_goes_to_the_query_side_for_reads_and_rebuilds(String path) {
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> response = gateway.send(gateway.agentRequest(path)
                    .method(method, BodyPublishers.noBody())
                    .build());

            assertThat(response.body()).isEqualTo("{\"side\":\"query\"}");
            Backend.Received received = querySide.nextRequest();
            assertThat(received.method()).isEqualTo(method);
            assertThat(received.uri()).isEqualTo(path);
        }
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @Test
    void the_long_poll_is_a_read_and_its_path_and_query_are_forwarded_unchanged() {
        String pathAndQuery = "/v1/agent/sessions/0b5c7d1e-0000-4000-8000-000000000001/await?timeoutMs=250&x=a%2Fb%20c";

        HttpResponse<String> response =
                gateway.send(gateway.agentRequest(pathAndQuery).build());

        assertThat(response.body()).isEqualTo("{\"side\":\"query\"}");
        assertThat(querySide.nextRequest().uri()).isEqualTo(pathAndQuery);
    }

    @Test
    void backend_errors_pass_through_untouched() {
        String conflict = "{\"error\":{\"code\":\"CONFLICT\",\"message\":\"Session is closed\"}}";
        commandSide.answerWith(new Backend.Answer(
                409,
                Map.of("Content-Type", "application/json", "X-Request-Trace", "abc"),
                conflict.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/messages")
                .POST(BodyPublishers.ofString("{}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo(conflict);
        assertThat(response.headers().firstValue("X-Request-Trace")).contains("abc");
    }

    @Test
    void a_backend_server_error_passes_through_too() {
        String internal = "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"Internal error\"}}";
        querySide.answerWith(Backend.Answer.json(500, internal));

        HttpResponse<String> response =
                gateway.send(gateway.agentRequest("/v1/agent/sessions").build());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo(internal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v2/agent/sessions", "/v10", "/actuator", "/actuator/env", "/index.html", "/agent"})
    void unknown_paths_answer_404_with_the_error_body(String path) {
        HttpResponse<String> response = gateway.send(gateway.agentRequest(path).build());

        assertThat(assertError(response, 404, "NOT_FOUND")).contains(path);
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @Test
    void a_head_request_for_an_unknown_path_answers_404_without_a_body() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v2/agent/sessions")
                .method("HEAD", BodyPublishers.noBody())
                .build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void a_method_without_a_route_answers_404() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .method("OPTIONS", BodyPublishers.noBody())
                .build());

        assertError(response, 404, "NOT_FOUND");
        assertThat(querySide.receivedNothing()).isTrue();
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/../actuator/env",
                "/v1/%2e%2e/actuator",
                "/v1/..;/actuator",
                "/v1/a%2Fb",
                "/v1/./x",
                "/v1/%61gent/sessions",
                "/v1/agent;x=1/sessions",
                "/v1//agent/sessions",
                "/v1/agent/sessions/%7E",
                "/v1/agent/sessions/%ED%A0%80",
                "/v1/agent/sessions/%C0%AF",
                "/v1/agent/sessions/%FF",
                "/v1/agent/sessions/%E2%82",
                "/v1/agent/sessions/a%00b",
                "/v1/agent/sessions?page=[]",
                "/v1/agent/sessions?page=%ED%A0%80"
            })
    void paths_a_backend_could_normalise_elsewhere_are_refused(String path) {
        HttpResponse<String> response = gateway.send(gateway.agentRequest(path).build());

        assertError(response, 400, "VALIDATION_ERROR");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/agent/sessions/%C3%A9t%C3%A9", "/v1/agent/sessions?q=%C3%A9&x=a%2Fb%20c&y=:@/?"})
    void encoded_utf_8_and_the_query_characters_of_rfc_3986_pass(String target) {
        HttpResponse<String> response =
                gateway.send(gateway.agentRequest(target).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(querySide.nextRequest().uri()).isEqualTo(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "Idempotency-Key", "X-Hiloop"})
    void a_single_valued_header_sent_twice_is_refused(String name) {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header(name, name.equals("Content-Type") ? "application/json" : "first")
                .header(name, name.equals("Content-Type") ? "text/plain" : "second")
                .POST(BodyPublishers.ofString("{}"))
                .build());

        assertError(response, 400, "VALIDATION_ERROR");
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "garbage"})
    void a_content_type_that_is_not_one_media_type_is_refused(String contentType) {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofString("{}"))
                .build());

        assertError(response, 400, "VALIDATION_ERROR");
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @Test
    void a_request_line_or_headers_over_the_servers_limits_answer_the_error_body() {
        HttpResponse<String> longLine = gateway.send(gateway.agentRequest("/v1/agent/sessions?x=" + "a".repeat(10_000))
                .build());
        HttpResponse<String> largeHeaders = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .header("X-Large", "a".repeat(20_000))
                .build());

        assertError(longLine, 414, "VALIDATION_ERROR");
        assertError(largeHeaders, 431, "VALIDATION_ERROR");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @Test
    void health_is_public_without_a_key() {
        HttpResponse<String> response =
                gateway.send(gateway.request("/actuator/health").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ErrorBody.parse(response.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void the_api_description_needs_no_key() {
        HttpResponse<String> response =
                gateway.send(gateway.request("/openapi.json").build());

        // The gateway's own merged description (ApiDescriptionTest); these stub backends describe nothing.
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ErrorBody.parse(response.body()).get("openapi").asText()).startsWith("3.");
    }
}
