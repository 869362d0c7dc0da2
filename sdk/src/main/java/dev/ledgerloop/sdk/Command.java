package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command humans may invoke (tool calling).
 *
 * @param name its name
 * @param description what it does, or null
 * @param parameters the JSON Schema of its arguments
 */
public record Command(String name, String description, JsonNode parameters) {}
