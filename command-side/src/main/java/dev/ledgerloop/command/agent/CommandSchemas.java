package dev.ledgerloop.command.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema checks for registered commands: a schema must be valid for its dialect ({@code $schema}, 2020-12 by
 * default), and arguments must satisfy it. Only the bundled meta-schemas are ever loaded: a {@code $ref} to anything
 * else is refused, so a registered schema cannot make the server fetch URLs or read files. Patterns run in linear time
 * ({@link LinearTimePatterns}), and a schema is compiled once and kept (a bounded cache keyed by its text), not again
 * for every invocation.
 */
final class CommandSchemas {
    static final int MAX_PROBLEMS = 5;
    static final int MAX_MESSAGE = 300;
    private static final SchemaValidatorsConfig PATTERNS_IN_LINEAR_TIME = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(LinearTimePatterns.INSTANCE)
            .build();

    private static final Map<VersionFlag, JsonSchemaFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<VersionFlag, JsonSchema> META_SCHEMAS = new ConcurrentHashMap<>();
    private static final Cache<String, JsonSchema> COMPILED =
            Caffeine.newBuilder().maximumSize(1_000).build();

    private CommandSchemas() {}

    /** What is wrong with the schema, empty if it is a valid JSON Schema. */
    static List<String> problemsOf(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return List.of("must be a JSON Schema object");
        }
        try {
            VersionFlag version = versionOf(schema);
            List<String> problems = messages(META_SCHEMAS
                    .computeIfAbsent(version, v -> factory(v).getSchema(SchemaLocation.of(v.getId())))
                    .validate(schema));
            if (problems.isEmpty()) {
                // Resolves every $ref now, so that a broken or remote one is refused here and not at invocation.
                compiled(schema).initializeValidators();
            }
            return problems;
        } catch (RuntimeException e) {
            // Whatever the library cannot compile is not a schema we can check arguments against.
            return List.of(brief(e.getMessage(), "cannot be compiled"));
        }
    }

    /** Where the arguments break the (already checked) schema, empty if they satisfy it. */
    static List<String> violationsOf(JsonNode schema, JsonNode arguments) {
        try {
            return messages(compiled(schema).validate(arguments));
        } catch (RuntimeException e) {
            return List.of(brief(e.getMessage(), "cannot be checked against the schema"));
        }
    }

    /** The schema compiled, the same instance for the same text for as long as the cache keeps it. */
    static JsonSchema compiled(JsonNode schema) {
        return COMPILED.get(
                schema.toString(), text -> factory(versionOf(schema)).getSchema(schema, PATTERNS_IN_LINEAR_TIME));
    }

    private static VersionFlag versionOf(JsonNode schema) {
        Optional<VersionFlag> declared = SpecVersionDetector.detectOptionalVersion(schema, true);
        return declared.orElse(VersionFlag.V202012);
    }

    private static JsonSchemaFactory factory(VersionFlag version) {
        return FACTORIES.computeIfAbsent(
                version,
                v -> JsonSchemaFactory.getInstance(
                        v,
                        builder -> builder.schemaLoaders(loaders -> loaders.values(list -> list.add(
                                0, new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:draft")))))));
    }

    private static String brief(String message, String otherwise) {
        if (message == null || message.isBlank()) {
            return otherwise;
        }
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream()
                .limit(MAX_PROBLEMS)
                .map(ValidationMessage::getMessage)
                .toList();
    }
}
