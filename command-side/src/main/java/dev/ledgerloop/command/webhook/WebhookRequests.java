package dev.ledgerloop.command.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ledgerloop.service.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks the shape of webhook request bodies (API.md §Webhooks) and names the first wrong field. */
final class WebhookRequests {
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_EVENT_TYPES = 50;
    static final int MAX_AGENT_IDS = 1000;
    static final int MAX_TOKEN_LENGTH = 1024;
    /** {@code session.message.new}, a wildcard over a prefix ({@code session.*}), or everything ({@code *}). */
    private static final Pattern EVENT_TYPE = Pattern.compile("\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?");

    private final JsonNode body;

    WebhookRequests(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            this.body = JsonNodeFactory.instance.objectNode();
        } else if (!body.isObject()) {
            throw ApiException.validation("The request body must be a JSON object");
        } else {
            this.body = body;
        }
    }

    String url(boolean required, TargetUrlPolicy policy) {
        if (absent("url")) {
            if (required) {
                throw ApiException.validation("Field 'url' is required");
            }
            return null;
        }
        JsonNode value = body.get("url");
        if (!value.isTextual() || value.textValue().length() > MAX_URL_LENGTH) {
            throw invalid("url", "must be a string of at most " + MAX_URL_LENGTH + " characters");
        }
        policy.refusal(value.textValue()).ifPresent(reason -> {
            throw invalid("url", reason);
        });
        return value.textValue();
    }

    List<String> eventTypes(boolean required) {
        if (absent("eventTypes")) {
            if (required) {
                throw ApiException.validation("Field 'eventTypes' is required");
            }
            return null;
        }
        JsonNode value = body.get("eventTypes");
        if (!value.isArray() || value.isEmpty() || value.size() > MAX_EVENT_TYPES) {
            throw invalid("eventTypes", "must be a list of 1 to " + MAX_EVENT_TYPES + " event types");
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (JsonNode type : value) {
            if (!type.isTextual() || !EVENT_TYPE.matcher(type.textValue()).matches()) {
                throw invalid("eventTypes", "must hold event types such as session.message.new or session.*");
            }
            types.add(type.textValue());
        }
        return List.copyOf(types);
    }

    List<UUID> agentIds() {
        if (absent("scope")) {
            return null;
        }
        JsonNode scope = body.get("scope");
        if (!scope.isObject()) {
            throw invalid("scope", "must be an object such as {\"agentIds\":[]}");
        }
        JsonNode ids = scope.get("agentIds");
        if (ids == null || ids.isNull()) {
            return List.of();
        }
        if (!ids.isArray() || ids.size() > MAX_AGENT_IDS) {
            throw invalid("scope.agentIds", "must be a list of at most " + MAX_AGENT_IDS + " agent ids");
        }
        List<UUID> agents = new ArrayList<>();
        for (JsonNode id : ids) {
            try {
                if (id.isTextual()) {
                    agents.add(UUID.fromString(id.textValue()));
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw invalid("scope.agentIds", "must hold agent ids (UUIDs)");
        }
        return List.copyOf(new LinkedHashSet<>(agents));
    }

    Boolean enabled() {
        if (absent("enabled")) {
            return null;
        }
        JsonNode value = body.get("enabled");
        if (!value.isBoolean()) {
            throw invalid("enabled", "must be true or false");
        }
        return value.booleanValue();
    }

    String token() {
        if (absent("token")) {
            return null;
        }
        JsonNode value = body.get("token");
        if (!value.isTextual()
                || value.textValue().isEmpty()
                || value.textValue().length() > MAX_TOKEN_LENGTH
                || !value.textValue().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid("token", "must be printable ASCII of 1 to " + MAX_TOKEN_LENGTH + " characters");
        }
        return value.textValue();
    }

    Instant requiredInstant(String field) {
        JsonNode value = body.get(field);
        try {
            if (value != null && value.isTextual()) {
                return Instant.parse(value.textValue());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw invalid(field, "must be an ISO-8601 UTC timestamp such as 2026-03-25T10:30:00.000Z");
    }

    private boolean absent(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull();
    }

    private static ApiException invalid(String field, String problem) {
        return ApiException.validation("Field '" + field + "' " + problem);
    }
}
