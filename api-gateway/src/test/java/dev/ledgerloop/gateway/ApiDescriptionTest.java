package dev.ledgerloop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /openapi.json merges what the backends describe; /docs is Swagger UI on it; both public, without a key. */
class ApiDescriptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMAND_SIDE =
            """
            {"openapi":"3.1.0","info":{"title":"OpenAPI definition","version":"v0"},
             "security":[{"ApiKey":[]},{"BearerJwt":[]}],
             "tags":[{"name":"session"}],
             "paths":{"/v1/agent/sessions":{"post":{"operationId":"sessionCommand_open",
                       "responses":{"201":{"description":"Created","content":{"application/json":
                         {"schema":{"$ref":"#/components/schemas/SessionResource"}}}},
                         "400":{"$ref":"#/components/responses/BadRequest"}}}}},
             "components":{"schemas":{"SessionResource":{"type":"object","properties":{"id":{"type":"string"}}},
                                      "Error":{"type":"object"}},
                           "responses":{"BadRequest":{"description":"VALIDATION_ERROR"}},
                           "securitySchemes":{"ApiKey":{"type":"apiKey","in":"header","name":"X-API-Key"}}}}
            """;
    private static final String QUERY_SIDE =
            """
            {"openapi":"3.1.0","info":{"title":"OpenAPI definition","version":"v0"},
             "tags":[{"name":"timeline"}],
             "paths":{"/v1/agent/sessions":{"get":{"operationId":"sessionQuery_list",
                       "responses":{"200":{"description":"OK"}}}},
                      "/v1/agent/sessions/{sessionId}":{"get":{"operationId":"sessionQuery_get",
                       "responses":{"200":{"description":"OK","content":{"application/json":
                         {"schema":{"$ref":"#/components/schemas/SessionResource"}}}}}}}},
             "components":{"schemas":{"SessionResource":{"type":"object","properties":{"title":{"type":"string"}}},
                                      "Error":{"type":"object"}},
                           "responses":{"BadRequest":{"description":"VALIDATION_ERROR"}}}}
            """;

    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        commandSide.answerWith(Backend.Answer.json(200, COMMAND_SIDE));
        querySide = Backend.start("query");
        querySide.answerWith(Backend.Answer.json(200, QUERY_SIDE));
        gateway = TestGateway.start(commandSide.uri(), querySide.uri());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
    }

    @Test
    void openapi_json_merges_both_backends_without_any_key() throws Exception {
        HttpResponse<String> response =
                gateway.send(gateway.request("/openapi.json").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/info/title").asText()).isEqualTo("Ledgerloop API");
        assertThat(document.at("/info/version").asText()).isEqualTo("v1");
        assertThat(document.at("/info/description").asText()).doesNotContain("Incomplete");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/");
        JsonNode sessions = document.at("/paths/~1v1~1agent~1sessions");
        assertThat(sessions.has("post")).isTrue();
        assertThat(sessions.has("get")).isTrue();
        assertThat(document.at("/paths/~1v1~1agent~1sessions~1{sessionId}").has("get"))
                .isTrue();
        assertThat(document.at("/components/securitySchemes/ApiKey/name").asText())
                .isEqualTo("X-API-Key");
        assertThat(document.at("/components/responses/BadRequest").isObject()).isTrue();
        assertThat(document.get("tags").findValuesAsText("name")).containsExactly("session", "timeline");
        assertThat(document.at("/paths/~1v1~1agent~1ws/get/responses").has("101"))
                .isTrue();
        assertThat(document.at("/paths/~1v1~1human~1ws/get/responses").has("101"))
                .isTrue();
    }

    @Test
    void a_schema_name_both_backends_use_differently_is_kept_apart_with_its_references() throws Exception {
        JsonNode document = JSON.readTree(
                gateway.send(gateway.request("/openapi.json").build()).body());

        assertThat(document.at("/components/schemas/SessionResource/properties").has("id"))
                .isTrue();
        assertThat(document.at("/components/schemas/SessionResourceQuerySide/properties")
                        .has("title"))
                .isTrue();
        assertThat(document.at("/paths/~1v1~1agent~1sessions~1{sessionId}/get/responses/200/content/"
                                + "application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/SessionResourceQuerySide");
        assertThat(document.at("/components/schemas").has("ErrorQuerySide")).isFalse();
    }

    @Test
    void the_backends_are_asked_at_their_internal_description_path_without_a_principal() {
        commandSide.forget();
        commandSide.answerWith(Backend.Answer.json(200, COMMAND_SIDE));
        try (TestGateway fresh = TestGateway.start(commandSide.uri(), querySide.uri())) {
            assertThat(fresh.send(fresh.request("/openapi.json").build()).statusCode())
                    .isEqualTo(200);
        }
        Backend.Received received = commandSide.nextRequest();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.uri()).isEqualTo("/v3/api-docs");
        assertThat(received.headerNamesStartingWith("x-ledgerloop")).isEmpty();
    }

    @Test
    void a_backend_that_is_down_leaves_its_part_out_and_says_so() throws Exception {
        Backend stopped = Backend.start("stopped");
        URI down = stopped.uri();
        stopped.close();
        try (TestGateway partial = TestGateway.start(commandSide.uri(), down)) {
            HttpResponse<String> response =
                    partial.send(partial.request("/openapi.json").build());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode document = JSON.readTree(response.body());
            assertThat(document.at("/info/description").asText()).contains("Incomplete", "query side");
            assertThat(document.at("/paths/~1v1~1agent~1sessions").has("post")).isTrue();
            assertThat(document.at("/paths/~1v1~1agent~1sessions").has("get")).isFalse();
        }
    }

    @Test
    void docs_is_swagger_ui_reading_the_merged_description() {
        HttpResponse<String> page = gateway.send(gateway.request("/docs").build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("/docs/swagger-ui/swagger-ui-bundle.js", "/docs/swagger-ui/swagger-ui.css")
                .contains("/openapi.json");
    }

    @Test
    void swagger_ui_and_its_boot_script_load_from_the_gateway() {
        HttpResponse<String> bundle = gateway.send(
                gateway.request("/docs/swagger-ui/swagger-ui-bundle.js").build());
        HttpResponse<String> css =
                gateway.send(gateway.request("/docs/swagger-ui/swagger-ui.css").build());
        HttpResponse<String> boot =
                gateway.send(gateway.request("/docs/ledgerloop/docs.js").build());

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(boot.statusCode()).isEqualTo(200);
        assertThat(boot.body()).contains("SwaggerUIBundle(");
    }

    @Test
    void an_unknown_docs_asset_answers_404_with_the_error_body() {
        HttpResponse<String> response =
                gateway.send(gateway.request("/docs/swagger-ui/nothing.js").build());

        ErrorBody.assertError(response, 404, "NOT_FOUND");
    }
}
