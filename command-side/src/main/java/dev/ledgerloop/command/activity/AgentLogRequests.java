package dev.ledgerloop.command.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The bodies of the agent's log entries (docs/api.md §Agent activity log): each bounded, so an entry stays small. */
final class AgentLogRequests {
    static final int MAX_NAME = 100;
    static final int MAX_TEXT = 4000;
    static final int MAX_COUNTERPART = 200;
    static final int MAX_METRICS = 50;
    static final int MAX_UNIT = 20;
    static final int MAX_TAGS = 20;
    static final int MAX_DETAILS_BYTES = 8 * 1024;
    private static final String REQUIRED = "is required";
    private static final String NAME = "must be a non-empty string of at most " + MAX_NAME + " characters";
    private static final String TEXT = "must be a string of at most " + MAX_TEXT + " characters";
    private static final String COUNTERPART = "must be a string of at most " + MAX_COUNTERPART + " characters";
    private static final String DIRECTION = "must be inbound or outbound";
    private static final String METRICS = "must be a list of 1 to " + MAX_METRICS + " metrics";
    private static final String UNIT = "must be a string of at most " + MAX_UNIT + " characters";
    private static final String VALUE = "must be a finite number";
    private static final String TAGS = "must be an object of at most " + MAX_TAGS + " string values";
    private static final String SESSION_ID = "must be a session id (UUID)";

    private AgentLogRequests() {}

    @RequestRecord
    record ActivityRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "deploy.started")
            @NotNull(message = REQUIRED)
            @NotBlank(message = NAME)
            @Size(max = MAX_NAME, message = NAME)
            @IfMistyped(NAME)
            String action,

            @Size(max = MAX_TEXT, message = TEXT) @IfMistyped(TEXT)
            String description,

            @Schema(description = "the session it was about") @IfMistyped(SESSION_ID)
            UUID sessionId,

            @Schema(description = "a JSON object of the agent's choosing, at most 8 KiB as JSON")
            ObjectNode details) {}

    @RequestRecord
    record CommunicationRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "email")
            @NotNull(message = REQUIRED)
            @NotBlank(message = NAME)
            @Size(max = MAX_NAME, message = NAME)
            @IfMistyped(NAME)
            String channel,

            @Schema(
                    allowableValues = {"inbound", "outbound"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Pattern(regexp = "inbound|outbound", message = DIRECTION)
            @IfMistyped(DIRECTION)
            String direction,

            @Schema(description = "whom it was with")
            @Size(max = MAX_COUNTERPART, message = COUNTERPART)
            @IfMistyped(COUNTERPART)
            String counterpart,

            @Size(max = MAX_TEXT, message = TEXT) @IfMistyped(TEXT)
            String summary,

            @Schema(description = "the session it was about") @IfMistyped(SESSION_ID)
            UUID sessionId) {}

    @RequestRecord
    record TelemetryRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Size(min = 1, max = MAX_METRICS, message = METRICS)
            @IfMistyped(METRICS)
            List<@NotNull(message = REQUIRED) @Valid MetricRequest> metrics,

            @Schema(description = "labels for every metric of the push, such as {\"model\": \"gpt\"}")
            @Size(max = MAX_TAGS, message = TAGS)
            @IfMistyped(TAGS)
            Map<String, @NotNull(message = REQUIRED) @Size(max = MAX_NAME, message = NAME) String> tags) {}

    @RequestRecord
    record MetricRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "tokens.used")
            @NotNull(message = REQUIRED)
            @NotBlank(message = NAME)
            @Size(max = MAX_NAME, message = NAME)
            @IfMistyped(NAME)
            String name,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = REQUIRED) @IfMistyped(VALUE)
            Double value,

            @Size(max = MAX_UNIT, message = UNIT) @IfMistyped(UNIT)
            String unit) {}
}
