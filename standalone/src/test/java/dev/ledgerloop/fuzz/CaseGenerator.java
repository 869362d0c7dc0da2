package dev.ledgerloop.fuzz;

import dev.ledgerloop.fuzz.ApiDescription.BodyKind;
import dev.ledgerloop.fuzz.ApiDescription.Operation;
import dev.ledgerloop.fuzz.ApiDescription.Param;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cases from a seed, each one alone reproducible from {@code (seed, index)}: case {@code i} exercises operation
 * {@code i mod n} with family {@code (i div n) mod families}, so every run of {@code n × families} cases covers every
 * operation with every family once; the details of each mutation come from a random of its own.
 */
final class CaseGenerator {
    static final String MULTIPART_BOUNDARY = "fuzz-boundary";

    private final long seed;
    private final List<Operation> operations;
    private final Fixtures fixtures;
    private final SchemaValues values;
    private final ApiDescription description;

    CaseGenerator(long seed, ApiDescription description, Fixtures fixtures) {
        this.seed = seed;
        this.description = description;
        this.operations = description.operations();
        this.fixtures = fixtures;
        this.values = new SchemaValues(description, fixtures);
    }

    int operationCount() {
        return operations.size();
    }

    FuzzCase generate(int index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        Operation operation = operations.get(index % operations.size());
        Family family = Family.values()[(index / operations.size()) % Family.values().length];
        Draft draft = wellFormed(operation, random);
        String detail = new Mutations(draft, random, fixtures, description).apply(family);
        return draft.toCase(seed, index, family, detail, fixtures, random);
    }

    private Draft wellFormed(Operation operation, Random random) {
        Draft draft = new Draft(operation);
        draft.credential = operation.kind().usual();
        for (Param param : operation.pathParams()) {
            draft.pathValues.put(param.name(), encode(fixtures.idFor(operation, param.name())));
        }
        for (Param param : operation.queryParams()) {
            String value = validQuery(param.name());
            if (value != null && (param.required() || param.name().equals("timeoutMs") || random.nextInt(3) == 0)) {
                draft.query.add(Map.entry(param.name(), encode(value)));
            }
        }
        if (operation.body() == BodyKind.JSON) {
            draft.json = values.valid(operation.bodySchema(), null, random);
            draft.contentType = "application/json";
        } else if (operation.body() == BodyKind.MULTIPART) {
            draft.rawBody = multipart("file", "a.txt", "hello");
            draft.contentType = "multipart/form-data; boundary=" + MULTIPART_BOUNDARY;
        }
        return draft;
    }

    static byte[] multipart(String part, String filename, String content) {
        return ("--" + MULTIPART_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--"
                        + MULTIPART_BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed value of a query parameter by its name; null when there is none worth sending. */
    private String validQuery(String name) {
        return switch (name) {
            case "page" -> "1";
            case "pageSize", "limit" -> "20";
            case "timeoutMs" -> "50";
            case "at" -> "2026-01-01T00:00:00Z";
            case "atEvent", "treeSize" -> "1";
            case "first" -> "1";
            case "second" -> "2";
            case "isPublic" -> "true";
            case "status" -> "Pending";
            case "userId" -> "alice";
            case "webhookId" -> fixtures.idFor(operations.get(0), "webhookId");
            case "eventId" -> new java.util.UUID(seed, 1).toString();
            default -> null;
        };
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
