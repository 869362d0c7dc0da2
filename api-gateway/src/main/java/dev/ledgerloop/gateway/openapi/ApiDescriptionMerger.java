package dev.ledgerloop.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the backends' OpenAPI documents into the one public description: every path with every operation, the
 * components of both (a name both use for different things is renamed in the later backend, its references with
 * it), the tags of both, and the gateway as the only server. A backend that did not answer is named in the
 * description, so a reader knows the document is partial.
 */
final class ApiDescriptionMerger {
    private static final Logger log = LoggerFactory.getLogger(ApiDescriptionMerger.class);
    static final String TITLE = "Ledgerloop API";
    static final String VERSION = "v1";
    private static final String DEFAULT_OPENAPI = "3.1.0";
    private static final String SUMMARY = "Agents open sessions with humans, send end-to-end encrypted messages and"
            + " wait for their decisions. Agents authenticate with X-API-Key, humans with a bearer JWT; every error"
            + " answers {\"error\":{\"code\",\"message\"}}.";

    /** The routes the gateway answers itself (the live WebSocket), described here as no backend maps them. */
    private static final String GATEWAY_PATHS = "/openapi/gateway-paths.json";

    private final ObjectMapper json;
    private final ObjectNode gatewayPaths;

    ApiDescriptionMerger(ObjectMapper json) {
        this.json = json;
        try (InputStream in = ApiDescriptionMerger.class.getResourceAsStream(GATEWAY_PATHS)) {
            this.gatewayPaths = (ObjectNode) json.readTree(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The gateway's own API description " + GATEWAY_PATHS + " is unreadable", e);
        }
    }

    ObjectNode merge(List<BackendDescription> backends) {
        ObjectNode merged = json.createObjectNode();
        List<String> missing = new ArrayList<>();
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, Map<String, JsonNode>> components = new TreeMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        for (BackendDescription backend : backends) {
            if (!backend.isAnswered()) {
                missing.add(backend.name() + " (" + backend.failure() + ")");
                continue;
            }
            ObjectNode document = backend.document().deepCopy();
            if (!merged.has("openapi") && document.hasNonNull("openapi")) {
                merged.put("openapi", document.get("openapi").asText());
            }
            if (!merged.has("security") && document.has("security")) {
                merged.set("security", document.get("security"));
            }
            renameClashingComponents(document, components, backend.name());
            mergeComponents(document, components);
            mergePaths(document, paths, backend.name());
            document.path("tags")
                    .forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
        }
        mergePaths(gatewayPaths.deepCopy(), paths, "gateway");
        if (!merged.has("openapi")) {
            merged.put("openapi", DEFAULT_OPENAPI);
        }
        ObjectNode info = merged.putObject("info");
        info.put("title", TITLE);
        info.put("version", VERSION);
        info.put(
                "description",
                missing.isEmpty()
                        ? SUMMARY
                        : SUMMARY + "\n\nIncomplete: " + String.join(", ", missing)
                                + " did not answer, so its endpoints are missing here; retry shortly.");
        // Relative: the server is where this document is served, the gateway, whatever name it is reached by.
        merged.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        if (!tags.isEmpty()) {
            merged.putArray("tags").addAll(tags.values());
        }
        merged.set("paths", json.valueToTree(paths));
        if (!components.isEmpty()) {
            merged.set("components", json.valueToTree(components));
        }
        return merged;
    }

    /** The backends split each path by method, so operations under one path come from both. */
    private static void mergePaths(ObjectNode document, Map<String, JsonNode> paths, String backend) {
        document.path("paths").fields().forEachRemaining(path -> {
            JsonNode known = paths.get(path.getKey());
            if (known == null) {
                paths.put(path.getKey(), path.getValue());
                return;
            }
            path.getValue().fields().forEachRemaining(field -> {
                if (((ObjectNode) known).has(field.getKey())) {
                    if (!known.get(field.getKey()).equals(field.getValue())) {
                        log.warn(
                                "{} of {} is described twice; keeping the first, not the {}'s",
                                field.getKey(),
                                path.getKey(),
                                backend);
                    }
                } else {
                    ((ObjectNode) known).set(field.getKey(), field.getValue());
                }
            });
        });
    }

    private static void mergeComponents(ObjectNode document, Map<String, Map<String, JsonNode>> components) {
        document.path("components").fields().forEachRemaining(section -> {
            Map<String, JsonNode> known = components.computeIfAbsent(section.getKey(), name -> new TreeMap<>());
            section.getValue().fields().forEachRemaining(entry -> known.putIfAbsent(entry.getKey(), entry.getValue()));
        });
    }

    /**
     * Springdoc names schemas after their classes, and both backends may have a class of the same name that is not
     * the same shape: the later one's component gets the backend's name as suffix, and its references follow.
     */
    private static void renameClashingComponents(
            ObjectNode document, Map<String, Map<String, JsonNode>> components, String backend) {
        Map<String, String> renamed = new HashMap<>();
        String suffix = Arrays.stream(backend.split("[^A-Za-z0-9]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
        for (Iterator<Map.Entry<String, JsonNode>> sections =
                        document.path("components").fields();
                sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            Map<String, JsonNode> known = components.getOrDefault(section.getKey(), Map.of());
            ObjectNode entries = (ObjectNode) section.getValue();
            for (String name : iterable(entries.fieldNames())) {
                if (known.containsKey(name) && !known.get(name).equals(entries.get(name))) {
                    String prefix = "#/components/" + section.getKey() + "/";
                    renamed.put(prefix + name, prefix + name + suffix);
                }
            }
            renamed.keySet().stream()
                    .filter(ref -> ref.startsWith("#/components/" + section.getKey() + "/"))
                    .map(ref -> ref.substring(ref.lastIndexOf('/') + 1))
                    .toList()
                    .forEach(name -> entries.set(name + suffix, entries.remove(name)));
        }
        if (!renamed.isEmpty()) {
            rewriteReferences(document, renamed);
        }
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renamed.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renamed.get(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteReferences(child, renamed));
        } else if (node.isArray()) {
            ((ArrayNode) node).elements().forEachRemaining(child -> rewriteReferences(child, renamed));
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
