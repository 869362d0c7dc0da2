package dev.ledgerloop.command.webhook;

import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The webhook admin request bodies (docs/webhooks.md): each binds, validates and describes itself in the API. */
final class WebhookRequests {
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_EVENT_TYPES = 50;
    static final int MAX_AGENT_IDS = 1000;
    static final int MAX_TOKEN_LENGTH = 1024;
    private static final String URL = "must be a string of at most " + MAX_URL_LENGTH + " characters";
    private static final String EVENT_TYPES = "must be a list of 1 to " + MAX_EVENT_TYPES + " event types";
    private static final String EVENT_TYPE = "must hold event types such as session.message.new or session.*";
    private static final String AGENT_IDS = "must be a list of at most " + MAX_AGENT_IDS + " agent ids";
    private static final String AGENT_ID = "must hold agent ids (UUIDs)";
    private static final String TOKEN = "must be printable ASCII of 1 to " + MAX_TOKEN_LENGTH + " characters";
    /** Any token in a change: a new endpoint takes a new token. */
    static final String TOKEN_FIXED = "cannot be changed: create a new endpoint with the new token and delete this one";

    private static final String SCOPE = "must be an object such as {\"agentIds\":[]}";
    /** session.message.new, a wildcard over a prefix (session.*), or everything (*). */
    private static final String EVENT_TYPE_PATTERN = "\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?";

    private WebhookRequests() {}

    /** Creating an endpoint: url and event types are required. */
    @RequestRecord
    record WebhookRequest(
            @Schema(example = "https://hooks.example.com/ledgerloop")
            @NotNull(message = "is required")
            @Size(max = MAX_URL_LENGTH, message = URL)
            @IfMistyped(URL)
            String url,

            @Schema(example = "[\"session.*\"]")
            @NotNull(message = "is required")
            @Size(min = 1, max = MAX_EVENT_TYPES, message = EVENT_TYPES)
            @IfMistyped(value = EVENT_TYPES, item = EVENT_TYPE)
            List<@NotNull(message = EVENT_TYPE) @Pattern(regexp = EVENT_TYPE_PATTERN, message = EVENT_TYPE) String>
                    eventTypes,

            @IfMistyped(SCOPE) @Valid Scope scope,

            @Schema(defaultValue = "true") Boolean enabled,

            @Schema(description = "sent as Authorization: Bearer <token>")
            @Pattern(regexp = "[\\x21-\\x7e]{1," + MAX_TOKEN_LENGTH + "}", message = TOKEN)
            @IfMistyped(TOKEN)
            String token) {

        List<String> distinctEventTypes() {
            return distinct(eventTypes);
        }

        List<UUID> distinctAgentIds() {
            return agentIdsOf(scope);
        }
    }

    /**
     * Changing an endpoint: any of the fields creating takes, none required; a field left out stays as it is, and the
     * token cannot be changed (a new endpoint takes a new token).
     */
    @RequestRecord
    record WebhookChangeRequest(
            @Schema(example = "https://hooks.example.com/ledgerloop")
            @Size(max = MAX_URL_LENGTH, message = URL)
            @IfMistyped(URL)
            String url,

            @Schema(example = "[\"session.*\"]")
            @Size(min = 1, max = MAX_EVENT_TYPES, message = EVENT_TYPES)
            @IfMistyped(value = EVENT_TYPES, item = EVENT_TYPE)
            List<@NotNull(message = EVENT_TYPE) @Pattern(regexp = EVENT_TYPE_PATTERN, message = EVENT_TYPE) String>
                    eventTypes,

            @IfMistyped(SCOPE) @Valid Scope scope,

            @Schema(description = "true re-enables an endpoint that was disabled")
            Boolean enabled,

            @Schema(description = "refused: the token cannot be changed; create a new endpoint with the new one")
            @IfMistyped(TOKEN_FIXED)
            String token) {

        List<String> distinctEventTypes() {
            return distinct(eventTypes);
        }

        List<UUID> distinctAgentIds() {
            return agentIdsOf(scope);
        }
    }

    /** The event types without repeats, in their order; null when not given. */
    private static List<String> distinct(List<String> eventTypes) {
        return eventTypes == null ? null : List.copyOf(new LinkedHashSet<>(eventTypes));
    }

    /** The agents an endpoint is scoped to without repeats (none: every agent); null when not given. */
    private static List<UUID> agentIdsOf(Scope scope) {
        if (scope == null) {
            return null;
        }
        return scope.agentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(scope.agentIds()));
    }

    record Scope(
            @Size(max = MAX_AGENT_IDS, message = AGENT_IDS) @IfMistyped(value = AGENT_IDS, item = AGENT_ID)
            List<@NotNull(message = AGENT_ID) UUID> agentIds) {}
}
