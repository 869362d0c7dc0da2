package dev.ledgerloop.service.openapi;

import dev.ledgerloop.platform.error.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every Ledgerloop endpoint shares, added to the generated description: the two ways to authenticate, the error
 * body of docs/api.md §Errors and the error answers as reusable responses, referenced from each operation.
 */
final class ApiConventions {
    static final String API_KEY = "ApiKey";
    static final String BEARER = "BearerJwt";
    static final String ERROR_SCHEMA = "Error";

    /** The error answers every operation may give, by status, with their reusable response names. */
    private static final Map<String, String> ALWAYS = responses(
            "400", "BadRequest", "401", "Unauthenticated", "403", "Forbidden", "404", "NotFound", "429", "RateLimited");
    /** Only requests that change something conflict with the state, or send a body that may be too large. */
    private static final Map<String, String> WRITES_ONLY = responses("409", "Conflict", "413", "PayloadTooLarge");

    private ApiConventions() {}

    static void apply(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(
                API_KEY,
                new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-API-Key")
                        .description("An agent's API key (docs/api.md §Authentication)"));
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A human's token (docs/api.md §Humans)"));
        components.addSchemas(ERROR_SCHEMA, errorSchema());
        addResponses(components, ALWAYS);
        addResponses(components, WRITES_ONLY);
        openApi.setSecurity(
                List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)));
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(ApiConventions::referenceErrors);
        }
    }

    private static void referenceErrors(PathItem path) {
        path.readOperationsMap().forEach((method, operation) -> {
            referenceAll(operation, ALWAYS);
            if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
                referenceAll(operation, WRITES_ONLY);
            }
        });
    }

    private static void referenceAll(Operation operation, Map<String, String> errors) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        errors.forEach((status, name) ->
                operation.getResponses().putIfAbsent(status, new ApiResponse().$ref("#/components/responses/" + name)));
    }

    private static void addResponses(Components components, Map<String, String> errors) {
        errors.forEach((status, name) -> components.addResponses(
                name,
                new ApiResponse()
                        .description(describe(status))
                        .content(new Content()
                                .addMediaType(
                                        org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                        new MediaType()
                                                .schema(new Schema<>()
                                                        .$ref("#/components/schemas/" + ERROR_SCHEMA))))));
    }

    private static String describe(String status) {
        ErrorCode code = Arrays.stream(ErrorCode.values())
                .filter(candidate -> String.valueOf(candidate.status()).equals(status))
                .findFirst()
                .orElseThrow();
        return code.name() + ": " + DESCRIPTIONS.get(code);
    }

    private static final Map<ErrorCode, String> DESCRIPTIONS = Map.of(
            ErrorCode.VALIDATION_ERROR, "the request is malformed or a field is invalid",
            ErrorCode.UNAUTHENTICATED, "missing or invalid credentials",
            ErrorCode.FORBIDDEN, "the caller may not do this",
            ErrorCode.NOT_FOUND, "no such thing in the caller's space",
            ErrorCode.CONFLICT, "the thing's state does not allow this",
            ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large",
            ErrorCode.RATE_LIMITED, "too many requests, retry later",
            ErrorCode.INTERNAL, "internal error");

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema errorSchema() {
        StringSchema code = new StringSchema();
        code.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        Schema detail = new ObjectSchema()
                .addProperty("code", code)
                .addProperty("message", new StringSchema())
                .required(List.of("code", "message"));
        return new ObjectSchema()
                .description("Every error answer (docs/api.md §Errors)")
                .addProperty("error", detail)
                .required(List.of("error"));
    }

    private static Map<String, String> responses(String... statusAndName) {
        Map<String, String> responses = new LinkedHashMap<>();
        for (int i = 0; i < statusAndName.length; i += 2) {
            responses.put(statusAndName[i], statusAndName[i + 1]);
        }
        return responses;
    }
}
