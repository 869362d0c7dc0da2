package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Json.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.service.web.request.RequestRecord;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API description through the gateway of the whole system (docs/api.md §API description): {@code /openapi.json} is
 * public and describes every endpoint the backends map, so an endpoint added without appearing there fails this test;
 * {@code /docs} is Swagger UI on it, served by the gateway.
 */
class OpenApiEndToEndTest {
    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api gateway;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        gateway = Api.gateway(system).withTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void openapi_json_is_public_and_describes_every_endpoint_the_backends_map() throws Exception {
        Answer response = completeDescription();

        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.body();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/info/title").asText()).isEqualTo("Ledgerloop API");
        assertThat(document.at("/info/description").asText()).doesNotContain("Incomplete");

        Set<String> mapped = mappedEndpoints();
        Set<String> described = describedEndpoints(document);
        assertThat(mapped).as("endpoints the backends map").isNotEmpty().contains("POST /v1/agent/sessions");
        assertThat(described).as("endpoints /openapi.json describes").containsAll(mapped);
    }

    /**
     * Under load a backend can miss the gateway's 5 s wait for its description: the gateway then answers a partial
     * document that says so (ApiDescriptionMerger), and a client asks again, as this test does.
     */
    private static Answer completeDescription() {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> gateway.get("/openapi.json"),
                        answer -> answer.status() != 200
                                || !answer.body()
                                        .at("/info/description")
                                        .asText()
                                        .contains("Incomplete"));
    }

    @Test
    void the_description_carries_the_shared_conventions_and_hides_the_principal() throws Exception {
        JsonNode document = completeDescription().body();

        assertThat(document.at("/components/securitySchemes/ApiKey/name").asText())
                .isEqualTo("X-API-Key");
        assertThat(document.at("/components/securitySchemes/BearerJwt/scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.at("/components/schemas/Error/required").toString()).contains("error");
        for (String response : new String[] {
            "BadRequest", "Unauthenticated", "Forbidden", "NotFound", "Conflict", "PayloadTooLarge", "RateLimited"
        }) {
            assertThat(document.at("/components/responses/" + response).isObject())
                    .as(response)
                    .isTrue();
        }
        JsonNode send = document.at("/paths/~1v1~1agent~1sessions~1{sessionId}~1messages/post");
        assertThat(send.at("/responses/409/$ref").asText()).isEqualTo("#/components/responses/Conflict");
        assertThat(send.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/SendMessageRequest");
        assertThat(document.at("/components/schemas/SendMessageRequest/required")
                        .toString())
                .contains("encryptedContent");
        assertThat(document.at("/components/schemas/SendMessageRequest/properties/encryptedContent/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/EncryptedEnvelope");
        assertThat(response(document).toLowerCase(Locale.ROOT)).doesNotContain("\"principal\"");
    }

    /** Creating an endpoint requires its url and event types; a change names any of them, none required. */
    @Test
    void a_webhook_change_requires_no_field_that_creating_requires() throws Exception {
        JsonNode document = completeDescription().body();
        String webhooks = "/paths/~1v1~1admin~1webhooks";
        String body = "/requestBody/content/application~1json/schema/$ref";

        assertThat(document.at(webhooks + "/post" + body).asText()).isEqualTo("#/components/schemas/WebhookRequest");
        assertThat(document.at("/components/schemas/WebhookRequest/required").toString())
                .contains("\"url\"", "\"eventTypes\"");
        assertThat(document.at(webhooks + "~1{webhookId}/patch" + body).asText())
                .isEqualTo("#/components/schemas/WebhookChangeRequest");
        assertThat(document.at("/components/schemas/WebhookChangeRequest/required")
                        .isMissingNode())
                .isTrue();
    }

    /**
     * A JSON request body is described by the schema of the request record its handler binds, so that the description
     * says what the server checks: a handler reading a {@code JsonNode} or a {@code Map} fails here, as does a
     * component that another record of the same name replaced.
     */
    @Test
    void every_request_body_is_described_by_the_request_record_its_handler_binds() throws Exception {
        JsonNode document = completeDescription().body();
        Map<String, HandlerMethod> handlers = handlers();
        Set<String> checked = new TreeSet<>();

        SoftAssertions.assertSoftly(softly -> document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    String endpoint = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    JsonNode requestBody = operation.getValue().path("requestBody");
                    Optional<Type> bound = boundBody(handlers.get(endpoint));
                    if (requestBody.isMissingNode() || isUpload(requestBody)) {
                        softly.assertThat(bound)
                                .as("%s binds a JSON body the description leaves out", endpoint)
                                .isEmpty();
                        return;
                    }
                    softly.assertThat(bound).as("%s binds its body", endpoint).isPresent();
                    bound.ifPresent(type -> {
                        JsonNode schema = requestBody.at("/content/application~1json/schema");
                        Class<?> record = requestRecord(type);
                        softly.assertThat(record.isAnnotationPresent(RequestRecord.class))
                                .as("%s binds a request record, not %s", endpoint, type.getTypeName())
                                .isTrue();
                        if (type instanceof ParameterizedType) {
                            softly.assertThat(schema.path("type").asText())
                                    .as(endpoint)
                                    .isEqualTo("array");
                            schema = schema.path("items");
                        }
                        String name = record.getSimpleName();
                        softly.assertThat(schema.path("$ref").asText())
                                .as("%s's schema", endpoint)
                                .isEqualTo("#/components/schemas/" + name);
                        softly.assertThat(fieldNames(document.at("/components/schemas/" + name + "/properties")))
                                .as("%s's properties, as %s's components", endpoint, record.getName())
                                .containsExactlyInAnyOrderElementsOf(componentNames(record));
                    });
                    checked.add(endpoint);
                })));
        assertThat(checked)
                .contains(
                        "POST /v1/agent/sessions/{sessionId}/messages",
                        "POST /v1/agent/sessions/{sessionId}/typing",
                        "PUT /v1/agent/commands");
    }

    @Test
    void docs_is_swagger_ui_on_the_merged_description_and_its_assets_load() throws Exception {
        Answer page = gateway.get("/docs");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.text()).contains("/docs/swagger-ui/swagger-ui-bundle.js", "/openapi.json");
        Answer bundle = gateway.get("/docs/swagger-ui/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.text()).contains("SwaggerUIBundle");
        assertThat(gateway.get("/docs/ledgerloop/docs.js").status()).isEqualTo(200);
    }

    @Test
    void the_backends_own_description_is_not_on_the_public_port() throws Exception {
        assertThat(gateway.get("/v3/api-docs").status()).isEqualTo(404);
    }

    /** "METHOD /path" of every handler method of ours (not the frameworks') in both backends. */
    private static Set<String> mappedEndpoints() {
        return new TreeSet<>(handlers().keySet());
    }

    /** Our handler methods in both backends by "METHOD /path". */
    private static Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> handlers = new TreeMap<>();
        for (ApplicationContext backend : system.backendContexts()) {
            for (RequestMappingHandlerMapping mapping :
                    backend.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
                mapping.getHandlerMethods().forEach((info, handler) -> {
                    if (isOurs(handler)) {
                        endpoints(info).forEach(endpoint -> handlers.put(endpoint, handler));
                    }
                });
            }
        }
        return handlers;
    }

    /** The type of the handler's {@code @RequestBody} parameter, if it has one. */
    private static Optional<Type> boundBody(HandlerMethod handler) {
        if (handler == null) {
            return Optional.empty();
        }
        return Arrays.stream(handler.getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(RequestBody.class))
                .map(parameter -> parameter.getGenericParameterType())
                .findFirst();
    }

    /** The bound class, or the item class of a bound list. */
    private static Class<?> requestRecord(Type type) {
        Type item = type instanceof ParameterizedType list ? list.getActualTypeArguments()[0] : type;
        return item instanceof Class<?> bound ? bound : Object.class;
    }

    private static List<String> componentNames(Class<?> record) {
        return record.isRecord()
                ? Arrays.stream(record.getRecordComponents())
                        .map(component -> component.getName())
                        .toList()
                : List.of();
    }

    /** A file upload: {@code multipart/form-data}, bound from its parts rather than as a body. */
    private static boolean isUpload(JsonNode requestBody) {
        return fieldNames(requestBody.path("content")).equals(List.of("multipart/form-data"));
    }

    private static boolean isOurs(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith("dev.ledgerloop.");
    }

    private static Set<String> endpoints(RequestMappingInfo info) {
        Set<String> endpoints = new TreeSet<>();
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
            // A variable's regular expression ({id:.+}) is not part of an OpenAPI path.
            String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
            if (methods.isEmpty()) {
                endpoints.add("ANY " + path);
            }
            methods.forEach(method -> endpoints.add(method.name() + " " + path));
        }
        return endpoints;
    }

    private static Set<String> describedEndpoints(JsonNode document) {
        Set<String> endpoints = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> endpoints.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return endpoints;
    }

    private static String response(JsonNode document) {
        return document.path("paths").toString();
    }
}
