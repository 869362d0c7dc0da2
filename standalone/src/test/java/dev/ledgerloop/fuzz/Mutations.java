package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.fuzz.ApiDescription.BodyKind;
import dev.ledgerloop.fuzz.ApiDescription.Param;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The mutation families (see {@link Family}) applied to a well-formed draft. Each answers what it did; a family that
 * does not apply to an operation (no body, no parameter) falls back to one that does, and says so.
 */
final class Mutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> NUMBERS = List.of(
            "1e400",
            "-1",
            "-9223372036854775809",
            "9223372036854775808",
            "2147483648",
            "1e9",
            "-0",
            "0.5",
            "1E2",
            "NaN",
            "Infinity",
            "-Infinity",
            "00012",
            "1.0",
            "99999999999999999999999999999999");
    private static final List<String> QUERY_NUMBERS = List.of(
            "-1",
            "0",
            "1e9",
            "1000000000",
            "abc",
            "NaN",
            "Infinity",
            "9999999999999999999999",
            "1.5",
            "0x10",
            "%201",
            "%2B1",
            "-0",
            "",
            "2147483648",
            "-2147483649");
    private static final List<String> INSTANTS = List.of(
            "garbage",
            "10000-01-01T00:00:00Z",
            "%2B99999-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "-1",
            "2026-02-30T00:00:00Z",
            "2026-01-01",
            "9999999999999",
            "2026-01-01T00:00:00%2B25:00",
            "");
    private static final List<String> PATH_VALUES = List.of(
            "%2e%2e",
            "..",
            ".",
            "%2F",
            "a%2Fb",
            "%5C",
            ";",
            "%00",
            "%ZZ",
            "%",
            "%C3%A9",
            "%F0%9F%98%80",
            "%C0%AF",
            "%ED%A0%80",
            "%E2%80%AE",
            "%20",
            "null",
            "-1",
            "0",
            "undefined");

    private final Draft draft;
    private final Random random;
    private final Fixtures fixtures;
    private final ApiDescription description;

    Mutations(Draft draft, Random random, Fixtures fixtures, ApiDescription description) {
        this.draft = draft;
        this.random = random;
        this.fixtures = fixtures;
        this.description = description;
    }

    String apply(Family family) {
        return switch (family) {
            case VALID -> "well-formed";
            case CREDENTIAL -> credential();
            case BODY_SYNTAX -> bodySyntax();
            case PROPERTY_TYPE -> propertyType();
            case NUMBER -> number();
            case UNICODE -> unicode();
            case REQUIRED -> required();
            case EXTRA_FIELD -> extraField();
            case HEADER -> header();
            case CONTENT_TYPE -> contentType();
            case PATH -> path();
            case QUERY -> query();
            case CROSS_SPACE -> crossSpace();
        };
    }

    private String credential() {
        Credential[] all = Credential.values();
        draft.credential = all[random.nextInt(all.length)];
        return "credential " + draft.credential;
    }

    private String bodySyntax() {
        boolean jsonBody = draft.operation.body() == BodyKind.JSON;
        if (draft.operation.body() == BodyKind.MULTIPART && random.nextBoolean()) {
            return multipart();
        }
        draft.contentType = "application/json";
        String valid = draft.json == null ? "{}" : draft.json.toString();
        switch (random.nextInt(9)) {
            case 0 -> {
                String text =
                        pick(List.of("hello", "{'a':1}", "<xml/>", "{a:1}", "\u0001\u0002", "{\"a\":1,}", "[1,]"));
                draft.rawBody = text.getBytes(StandardCharsets.UTF_8);
                draft.mustRefuse = jsonBody;
                return "not JSON: " + text;
            }
            case 1 -> {
                int cut = 1 + random.nextInt(Math.max(1, valid.length() - 1));
                draft.rawBody = valid.substring(0, cut).getBytes(StandardCharsets.UTF_8);
                draft.mustRefuse = jsonBody;
                return "truncated at " + cut;
            }
            case 2 -> {
                boolean array = "array".equals(SchemaValues.type(bodySchema()));
                String text = pick(List.of("[]", "[" + valid + "]", "\"str\"", "42", "true", "null", "{}"));
                if (array && text.startsWith("[")) {
                    text = "{\"items\":" + text + "}";
                }
                draft.rawBody = text.getBytes(StandardCharsets.UTF_8);
                // null binds as no body at all (RequestRecordConverter), as {} does.
                draft.mustRefuse =
                        jsonBody && !text.equals("{}") && !text.equals("null") && !(array && text.startsWith("["));
                if (text.equals("{}")) {
                    draft.mustRefuse = jsonBody && hasRequired(bodySchema());
                }
                return "top-level " + abbreviated(text);
            }
            case 3 -> {
                int depth = pick(List.of(100, 5_000, 100_000));
                String text = "[".repeat(depth) + "]".repeat(depth);
                boolean bare = random.nextBoolean();
                draft.rawBody = (bare ? text : "{\"x\":" + text + "}").getBytes(StandardCharsets.UTF_8);
                // A bare array is no request record, and deeper than the parser's limit (1,000) is no JSON it reads;
                // 100 deep under an unknown name is ignored like any unknown name, so a route may accept it.
                draft.mustRefuse = jsonBody && (bare || depth > 1_000);
                return (bare ? "arrays nested " : "arrays under an unknown name nested ") + depth + " deep";
            }
            case 4 -> {
                int depth = pick(List.of(1_000, 50_000));
                String text = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                draft.rawBody = text.getBytes(StandardCharsets.UTF_8);
                return "objects nested " + depth + " deep";
            }
            case 5 -> {
                int length = pick(List.of(900_000, 1_200_000));
                ObjectNode object = draft.json != null && draft.json.isObject()
                        ? (ObjectNode) draft.json.deepCopy()
                        : NODES.objectNode();
                String property = firstProperty(object, "huge");
                object.put(property, "a".repeat(length));
                draft.rawBody = object.toString().getBytes(StandardCharsets.UTF_8);
                return "huge string of " + length + " in '" + property + "'";
            }
            case 6 -> {
                draft.rawBody = new byte[0];
                draft.mustRefuse = jsonBody && hasRequired(bodySchema());
                return "empty body";
            }
            case 7 -> {
                String text = pick(List.of(valid + "xyz", valid + valid, "\uFEFF" + valid, valid + "\u0000"));
                draft.rawBody = text.getBytes(StandardCharsets.UTF_8);
                draft.mustRefuse = jsonBody && !text.startsWith("\uFEFF");
                return "trailing or leading bytes: " + abbreviated(text);
            }
            default -> {
                draft.rawBody = ("{\"" + "k".repeat(100_000) + "\":1}").getBytes(StandardCharsets.UTF_8);
                return "a 100,000-character property name";
            }
        }
    }

    private String multipart() {
        switch (random.nextInt(4)) {
            case 0 -> draft.rawBody = CaseGenerator.multipart("files", "a.txt", "hello");
            case 1 ->
                draft.rawBody = ("--" + CaseGenerator.MULTIPART_BOUNDARY + "\r\nContent-Disposition: form-data;"
                                + " name=\"file\"; filename=\"a.txt\"\r\n\r\nhel")
                        .getBytes(StandardCharsets.UTF_8);
            case 2 -> draft.rawBody = CaseGenerator.multipart("file", "../../etc/passwd\u202e", "");
            default -> draft.rawBody = CaseGenerator.multipart("file", "x".repeat(5000), "hello");
        }
        return "multipart body variant";
    }

    private String propertyType() {
        Target target = bodyProperty(null);
        if (target == null) {
            return queryValue(List.of("[]", "%7B%7D", "true", "abc", "1"), "wrong type in the query");
        }
        String type = SchemaValues.type(description.resolve(target.schema));
        List<JsonNode> wrong =
                switch (type) {
                    case "string" ->
                        List.of(
                                NODES.numberNode(12345),
                                NODES.booleanNode(true),
                                NODES.objectNode(),
                                NODES.arrayNode().add("a"),
                                NODES.nullNode());
                    case "integer", "number" ->
                        List.of(
                                NODES.textNode("12"),
                                NODES.numberNode(1.5),
                                NODES.booleanNode(true),
                                NODES.objectNode(),
                                NODES.arrayNode().add(1));
                    case "boolean" ->
                        List.of(
                                NODES.textNode("true"),
                                NODES.numberNode(1),
                                NODES.textNode("yes"),
                                NODES.nullNode(),
                                NODES.arrayNode());
                    case "array" ->
                        List.of(
                                NODES.objectNode(),
                                NODES.textNode("x"),
                                NODES.numberNode(1),
                                NODES.arrayNode().add(NODES.arrayNode()));
                    default ->
                        List.of(
                                NODES.textNode("x"),
                                NODES.arrayNode(),
                                NODES.numberNode(1),
                                NODES.booleanNode(false),
                                NODES.textNode("{\"v\":1}"));
                };
        JsonNode value = pick(wrong);
        target.parent.set(target.name, value);
        return "'" + target.name + "' (" + type + ") := " + abbreviated(value.toString());
    }

    private String number() {
        Target target = bodyProperty("integer");
        if (target == null || random.nextInt(3) == 0) {
            String value = pick(QUERY_NUMBERS);
            String done = queryValue(List.of(value), "number in the query");
            if (done != null) {
                return done;
            }
            if (target == null) {
                return path();
            }
        }
        String literal = pick(NUMBERS);
        target.parent.put(target.name, draft.raw(literal));
        return "'" + target.name + "' := " + literal;
    }

    private String unicode() {
        Target target = bodyProperty("string");
        if (target == null) {
            return random.nextBoolean()
                    ? queryValue(PATH_VALUES.subList(10, 15), "odd Unicode in the query")
                    : pathValue(pick(List.of("%C3%A9", "%F0%9F%98%80", "%ED%A0%80", "%C0%AF", "%E2%80%AE", "%00")));
        }
        JsonNode schema = description.resolve(target.schema);
        int maxLength = schema.path("maxLength").asInt(1000);
        byte[][] literals = {
            ascii("\"\\ud800\""),
            ascii("\"x\\udc00\""),
            ascii("\"a\\u0000b\""),
            "\"\u202e\u0627\u0644\u202c\"".getBytes(StandardCharsets.UTF_8),
            "\"\uD83D\uDE00\uD83D\uDE00\"".getBytes(StandardCharsets.UTF_8),
            ascii("\"\\ud83d\\ude00\""),
            {'"', (byte) 0xC0, (byte) 0xAF, '"'},
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
            {'"', (byte) 0xFF, (byte) 0xFE, '"'},
            ("\"" + "\uD83D\uDE00".repeat(maxLength / 2 + 1) + "\"").getBytes(StandardCharsets.UTF_8),
            ("\"" + "x".repeat(maxLength + 1) + "\"").getBytes(StandardCharsets.UTF_8),
            ("\"" + "e\u0301".repeat(600) + "\"").getBytes(StandardCharsets.UTF_8),
            ascii("\"\\uFEFF\\u200B\\u2028\""),
        };
        int which = random.nextInt(literals.length + 1);
        if (which == literals.length) {
            JsonNode value = target.parent.remove(target.name);
            target.parent.set(target.name + "\u0000", value);
            return "property name '" + target.name + "\\u0000'";
        }
        target.parent.put(target.name, draft.raw(literals[which]));
        return "'" + target.name + "' := literal #" + which + " "
                + abbreviated(new String(literals[which], StandardCharsets.ISO_8859_1));
    }

    private String required() {
        JsonNode schema = bodySchema();
        if (draft.json != null && draft.json.isObject()) {
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            Target envelope = envelopeProperty();
            if (!required.isEmpty() && (envelope == null || random.nextBoolean())) {
                String name = pick(required);
                if (random.nextBoolean()) {
                    ((ObjectNode) draft.json).remove(name);
                } else {
                    ((ObjectNode) draft.json).putNull(name);
                }
                draft.mustRefuse = true;
                return "required '" + name + "' missing or null";
            }
            if (envelope != null) {
                String field = pick(List.of("v", "alg", "ciphertext", "wrappings"));
                ((ObjectNode) envelope.parent.get(envelope.name)).remove(field);
                draft.mustRefuse = true;
                return "'" + envelope.name + "." + field + "' missing";
            }
        }
        if (draft.json != null && draft.json.isArray() && draft.json.size() > 0) {
            ObjectNode item = (ObjectNode) draft.json.get(0);
            String name = random.nextBoolean() ? "name" : "parameters";
            item.remove(name);
            draft.mustRefuse = true;
            return "required '[0]." + name + "' missing";
        }
        for (Param param : draft.operation.queryParams()) {
            if (param.required()) {
                draft.query.removeIf(entry -> entry.getKey().equals(param.name()));
                draft.mustRefuse = true;
                return "required parameter '" + param.name() + "' missing";
            }
        }
        return extraField();
    }

    private String extraField() {
        if (draft.json == null || !draft.json.isObject()) {
            draft.query.add(Map.entry(pick(List.of("extra", "__proto__", "spaceId", "page%5B%5D")), "1"));
            return "unknown query parameter";
        }
        ObjectNode body = (ObjectNode) draft.json;
        Target envelope = envelopeProperty();
        switch (random.nextInt(4)) {
            case 0 -> {
                String name = pick(List.of("extra", "__proto__", "constructor", "id", "spaceId", "agentId", "status"));
                body.set(
                        name,
                        pick(List.of(
                                NODES.numberNode(1),
                                NODES.objectNode(),
                                NODES.textNode(new java.util.UUID(random.nextLong(), random.nextLong()).toString()))));
                return "extra property '" + name + "'";
            }
            case 1 -> {
                if (envelope != null) {
                    ((ObjectNode) envelope.parent.get(envelope.name)).put("extra", 1);
                    draft.mustRefuse = true;
                    return "extra field in envelope '" + envelope.name + "'";
                }
                body.put("extra" + random.nextInt(100), "x");
                return "extra property";
            }
            default -> {
                String existing = firstProperty(body, "a");
                String text = body.toString();
                String duplicate = "{\"" + existing + "\":" + pick(List.of("1", "null", "\"dup\"", "{}")) + ","
                        + text.substring(1);
                if (text.equals("{}")) {
                    duplicate = "{\"a\":1,\"a\":2}";
                }
                draft.rawBody = duplicate.getBytes(StandardCharsets.UTF_8);
                draft.json = null;
                return "duplicate key '" + existing + "'";
            }
        }
    }

    private String header() {
        switch (random.nextInt(6)) {
            case 0 -> {
                List<Map.Entry<String, String>> headers = new ArrayList<>(fixtures.headersOf(draft.credential, random));
                headers.addAll(fixtures.headersOf(
                        pick(List.of(
                                Credential.GARBAGE,
                                Credential.HUMAN,
                                Credential.OWNER_KEY,
                                Credential.AGENT_KEY,
                                Credential.PROVISIONING_KEY)),
                        random));
                if (random.nextBoolean()) {
                    java.util.Collections.reverse(headers);
                }
                draft.credentialHeaders = headers;
                return "two credentials: "
                        + headers.stream().map(Map.Entry::getKey).toList();
            }
            case 1 -> {
                // No non-ASCII: the JDK's client does not send it as it is (the header would not test what it says).
                String value = pick(List.of("", " ", "k".repeat(256), "a b", "k".repeat(255), "key\u007f", "\t"));
                draft.extraHeaders.add(Map.entry("Idempotency-Key", value));
                draft.mustRefuse = draft.method.equals("POST") && !value.equals("k".repeat(255));
                return "Idempotency-Key '" + abbreviated(value) + "'";
            }
            case 2 -> {
                draft.extraHeaders.add(Map.entry("Idempotency-Key", "fuzz-" + random.nextInt(1000)));
                draft.extraHeaders.add(Map.entry("Idempotency-Key", "fuzz-" + random.nextInt(1000)));
                return "two Idempotency-Keys";
            }
            case 3 -> {
                String value =
                        pick(List.of("", "a b", "x".repeat(101), "\u00fcn\u00ef", "../admin", "fuzz-a\t", "%66uzz-a"));
                draft.extraHeaders.add(Map.entry("X-Hiloop", value));
                // Only an agent's key acts as a named agent; other credentials ignore the header.
                draft.mustRefuse = !value.equals("fuzz-a\t")
                        && (draft.credential == Credential.OWNER_KEY || draft.credential == Credential.AGENT_KEY);
                return "X-Hiloop '" + abbreviated(value) + "'";
            }
            case 4 -> {
                draft.extraHeaders.add(Map.entry("X-Hiloop", Fixtures.AGENT_NAMES.get(0)));
                draft.extraHeaders.add(Map.entry("X-Hiloop", Fixtures.AGENT_NAMES.get(1)));
                return "two X-Hiloop names";
            }
            default -> {
                draft.extraHeaders.add(Map.entry("X-Ledgerloop-Principal", "eyJraW5kIjoiYWdlbnQifQ"));
                draft.extraHeaders.add(Map.entry("X-Ledgerloop-Principal-Timestamp", "1"));
                draft.extraHeaders.add(Map.entry("X-Ledgerloop-Principal-Signature", "forged"));
                return "forged principal headers";
            }
        }
    }

    private String contentType() {
        if (!draft.hasBody()) {
            draft.json = NODES.objectNode();
        }
        boolean json = draft.operation.body() == BodyKind.JSON;
        switch (random.nextInt(5)) {
            case 0 -> {
                draft.contentType = null;
                draft.mustRefuse = json;
                return "no Content-Type";
            }
            case 1 -> {
                draft.extraHeaders.add(Map.entry("Content-Type", "text/plain"));
                draft.mustRefuse = json;
                return "two Content-Types";
            }
            case 2 -> {
                draft.contentType = "application/json; charset=utf-16";
                String text = draft.json == null ? "{}" : draft.json.toString();
                draft.rawBody = text.getBytes(StandardCharsets.UTF_16);
                draft.json = null;
                return "a UTF-16 body";
            }
            default -> {
                draft.contentType = pick(List.of(
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data",
                        "multipart/form-data; boundary=x",
                        "application/json-patch+json",
                        "*/*",
                        "application/",
                        "garbage",
                        "application/json;;;",
                        "APPLICATION/JSON",
                        "application/json; charset=iso-8859-1",
                        "text/event-stream"));
                draft.mustRefuse = json
                        && !draft.contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");

                return "Content-Type " + draft.contentType;
            }
        }
    }

    private String path() {
        if (!draft.pathValues.isEmpty() && random.nextInt(4) != 0) {
            int choice = random.nextInt(PATH_VALUES.size() + 7);
            String name = pick(new ArrayList<>(draft.pathValues.keySet()));
            String valid = draft.pathValues.get(name);
            String value =
                    switch (choice - PATH_VALUES.size()) {
                        case 0 -> valid + ";x=1";
                        case 1 -> encodedLetter(valid);
                        case 2 -> valid.toUpperCase(java.util.Locale.ROOT);
                        case 3 -> "%7B" + valid + "%7D";
                        case 4 -> "a".repeat(pick(List.of(300, 10_000, 70_000)));
                        case 5 -> valid + "%00";
                        case 6 -> "";
                        default -> PATH_VALUES.get(choice);
                    };
            draft.pathValues.put(name, value);
            draft.mustRefuse = draft.mustRefuse || (!value.equals(valid) && choice - PATH_VALUES.size() != 2);
            return "{" + name + "} := " + abbreviated(value);
        }
        String path = draft.path();
        int cut = path.lastIndexOf('/');
        String rewritten =
                switch (random.nextInt(7)) {
                    case 0 -> path + "/";
                    case 1 -> path.substring(0, cut) + "/" + path.substring(cut);
                    case 2 -> path.replaceFirst("/v1/", "/V1/");
                    case 3 -> path + ";x=1";
                    case 4 -> path.replaceFirst("/v1/", "/%76" + "1/");
                    case 5 -> path.replaceFirst("/v1/", "/v1/./");
                    default -> path.substring(0, cut) + "/x/.." + path.substring(cut);
                };
        draft.rawPath = rewritten;
        draft.mustRefuse = true;
        return "path " + abbreviated(rewritten);
    }

    private String pathValue(String value) {
        if (draft.pathValues.isEmpty()) {
            return path();
        }
        String name = pick(new ArrayList<>(draft.pathValues.keySet()));
        draft.pathValues.put(name, value);
        draft.mustRefuse = true;
        return "{" + name + "} := " + value;
    }

    /** The gateway's longest request line (Reactor Netty's default); longer ones are refused with 414. */
    private static final int REQUEST_LINE_LIMIT = 4096;

    private String query() {
        if (draft.operation.queryParams().isEmpty() || random.nextInt(5) == 0) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    int length = pick(List.of(100, 8_000, 70_000));
                    draft.query.add(Map.entry("x".repeat(length), "1"));
                    if (length > REQUEST_LINE_LIMIT) {
                        // Refused (414) before the body is read, and the connection closed: a body still on its way
                        // makes TCP reset the connection, which may reach the client before the 414 (docs/testing.md).
                        draft.json = null;
                        draft.rawBody = null;
                    }
                }
                case 1 -> draft.query.add(Map.entry("&&=", "%ZZ"));
                case 2 -> draft.query.add(new java.util.AbstractMap.SimpleImmutableEntry<>("page", null));
                default -> draft.query.add(Map.entry("%70age", "-1"));
            }
            return "odd query "
                    + abbreviated(draft.query.get(draft.query.size() - 1).getKey());
        }
        Param param = pick(draft.operation.queryParams());
        List<String> candidates = new ArrayList<>(QUERY_NUMBERS);
        if (param.name().equals("at") || param.name().equals("before")) {
            candidates.addAll(INSTANTS);
        }
        candidates.addAll(List.of("%00", "%C3%A9", "%ED%A0%80", "x".repeat(5000), "garbage", "%2e%2e"));
        String value = pick(candidates);
        draft.query.removeIf(entry -> entry.getKey().equals(param.name()));
        draft.query.add(Map.entry(param.name(), value));
        if (random.nextInt(4) == 0) {
            draft.query.add(Map.entry(param.name(), "1"));
            return "'" + param.name() + "' twice: " + abbreviated(value) + " and 1";
        }
        return "'" + param.name() + "' := " + abbreviated(value);
    }

    private String queryValue(List<String> candidates, String what) {
        if (draft.operation.queryParams().isEmpty()) {
            return null;
        }
        Param param = pick(draft.operation.queryParams());
        String value = pick(candidates);
        draft.query.removeIf(entry -> entry.getKey().equals(param.name()));
        draft.query.add(Map.entry(param.name(), value));
        return what + ": '" + param.name() + "' := " + abbreviated(value);
    }

    private String crossSpace() {
        List<String> swapped = new ArrayList<>();
        for (String name : new ArrayList<>(draft.pathValues.keySet())) {
            String other = fixtures.otherSpaceId(name);
            if (other != null) {
                draft.pathValues.put(name, other);
                swapped.add(name);
            }
        }
        if (draft.operation.kind() == RouteKind.HUMAN && (swapped.isEmpty() || random.nextBoolean())) {
            draft.pathValues.replaceAll((name, value) -> CaseGenerator.encode(fixtures.idFor(draft.operation, name)));
            draft.credential = Credential.HUMAN_OTHER_SPACE;
            return "a human of space B on space A's ids";
        }
        if (draft.json != null && draft.json.has("agentId")) {
            ((ObjectNode) draft.json).put("agentId", fixtures.otherSpaceId("agentId"));
            draft.mustRefuse = true;
            swapped.add("body agentId");
        }
        return swapped.isEmpty() ? "no id of space B fits; " + credential() : "space B's " + swapped;
    }

    /** A property of the body (or of its first item) whose schema is of this type (any type when null). */
    private Target bodyProperty(String type) {
        JsonNode container = draft.json;
        JsonNode schema = bodySchema();
        if (container != null && container.isArray() && container.size() > 0) {
            container = container.get(0);
            schema = description.resolve(schema.path("items"));
        }
        if (container == null || !container.isObject()) {
            return null;
        }
        List<Target> candidates = new ArrayList<>();
        ObjectNode parent = (ObjectNode) container;
        JsonNode properties = schema.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode propertySchema = description.resolve(properties.get(name));
            if (type == null || type.equals(SchemaValues.type(propertySchema))) {
                candidates.add(new Target(parent, name, properties.get(name)));
            }
        });
        Target envelope = envelopeProperty();
        if (envelope != null && draft.json.get(envelope.name) instanceof ObjectNode object) {
            JsonNode envelopeSchema = description.resolve(envelope.schema).path("properties");
            envelopeSchema.fieldNames().forEachRemaining(name -> {
                if (type == null || type.equals(SchemaValues.type(envelopeSchema.get(name)))) {
                    candidates.add(new Target(object, name, envelopeSchema.get(name)));
                }
            });
        }
        return candidates.isEmpty() ? null : pick(candidates);
    }

    /** An envelope property present in the body, or null. */
    private Target envelopeProperty() {
        if (draft.json == null || !draft.json.isObject()) {
            return null;
        }
        JsonNode properties = bodySchema().path("properties");
        List<Target> envelopes = new ArrayList<>();
        properties.fieldNames().forEachRemaining(name -> {
            if ("EncryptedEnvelope".equals(ApiDescription.referenceName(properties.get(name)))
                    && draft.json.get(name) instanceof ObjectNode) {
                envelopes.add(new Target((ObjectNode) draft.json, name, properties.get(name)));
            }
        });
        return envelopes.isEmpty() ? null : pick(envelopes);
    }

    private JsonNode bodySchema() {
        JsonNode schema = description.resolve(draft.operation.bodySchema());
        return schema == null ? NODES.missingNode() : schema;
    }

    private static boolean hasRequired(JsonNode schema) {
        return schema.path("required").size() > 0;
    }

    private static String firstProperty(ObjectNode object, String otherwise) {
        return object.fieldNames().hasNext() ? object.fieldNames().next() : otherwise;
    }

    private String encodedLetter(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                return id.substring(0, i) + String.format("%%%02X", (int) c) + id.substring(i + 1);
            }
        }
        return "%61";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + ")" : text;
    }

    /** A property of an object in the body, with its schema. */
    private record Target(ObjectNode parent, String name, JsonNode schema) {}
}
