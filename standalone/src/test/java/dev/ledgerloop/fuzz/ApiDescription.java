package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of an OpenAPI 3 description as the fuzzer needs them: method, path template, parameters, request
 * body schema and documented statuses, with {@code $ref}s into {@code components} resolved on demand.
 */
final class ApiDescription {
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final List<Operation> operations;

    private ApiDescription(JsonNode document, List<Operation> operations) {
        this.document = document;
        this.operations = List.copyOf(operations);
    }

    static ApiDescription of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.get("paths")
                .fields()
                .forEachRemaining(path -> METHODS.forEach(method -> {
                    JsonNode operation = path.getValue().get(method);
                    if (operation != null) {
                        operations.add(operation(document, method.toUpperCase(Locale.ROOT), path.getKey(), operation));
                    }
                }));
        return new ApiDescription(document, operations);
    }

    List<Operation> operations() {
        return operations;
    }

    /** The schema itself, or the one its {@code $ref} names; a missing node for an unknown reference. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** The name of the component schema a {@code $ref} names, or null. */
    static String referenceName(JsonNode schema) {
        if (schema == null || !schema.has("$ref")) {
            return null;
        }
        String ref = schema.get("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Operation operation(JsonNode document, String method, String template, JsonNode operation) {
        List<Param> path = new ArrayList<>();
        List<Param> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            Param param = new Param(
                    parameter.get("name").asText(),
                    parameter.path("schema"),
                    parameter.path("required").asBoolean(false));
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                path.add(param);
            } else if (in.equals("query")) {
                query.add(param);
            }
        }
        JsonNode content = operation.path("requestBody").path("content");
        BodyKind body = content.has("multipart/form-data")
                ? BodyKind.MULTIPART
                : content.has("application/json") ? BodyKind.JSON : BodyKind.NONE;
        JsonNode bodySchema = body == BodyKind.JSON
                ? content.get("application/json").path("schema")
                : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        Set<Integer> statuses = new TreeSet<>();
        operation.path("responses").fieldNames().forEachRemaining(status -> {
            if (status.matches("\\d{3}")) {
                statuses.add(Integer.parseInt(status));
            }
        });
        return new Operation(method, template, path, query, body, bodySchema, statuses);
    }

    enum BodyKind {
        NONE,
        JSON,
        MULTIPART
    }

    /** A path or query parameter. */
    record Param(String name, JsonNode schema, boolean required) {}

    /** One method on one path of the description. */
    record Operation(
            String method,
            String template,
            List<Param> pathParams,
            List<Param> queryParams,
            BodyKind body,
            JsonNode bodySchema,
            Set<Integer> statuses) {

        /** Which credential the route takes, by its prefix (docs/api.md §Which credentials where). */
        RouteKind kind() {
            return RouteKind.of(template);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }
}
