package dev.ledgerloop.command.channel;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The channel request bodies (docs/api.md §Channels): each binds, validates and describes itself in the API. */
final class ChannelRequests {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_PARTICIPANTS = 100;
    static final int MAX_KIND = 50;
    static final String DEFAULT_KIND = "text";
    private static final String REQUIRED = "is required";
    private static final String NAME = "must be a non-empty string of at most " + MAX_NAME + " characters";
    private static final String DESCRIPTION = "must be a string of at most " + MAX_DESCRIPTION + " characters";
    private static final String PARTICIPANT_IDS = "must be a list of at most " + MAX_PARTICIPANTS + " agent ids";
    private static final String AGENT_ID = "must hold agent ids (UUIDs)";
    private static final String KIND =
            "must be 1 to " + MAX_KIND + " characters of a-z, 0-9, '.', '_' or '-', such as text";

    private ChannelRequests() {}

    @RequestRecord
    record CreateChannelRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @NotBlank(message = NAME)
            @Size(max = MAX_NAME, message = NAME)
            @IfMistyped(NAME)
            String name,

            @Size(max = MAX_DESCRIPTION, message = DESCRIPTION) @IfMistyped(DESCRIPTION)
            String description,

            @Schema(description = "agents of the caller's space to take part besides the caller")
            @Size(max = MAX_PARTICIPANTS, message = PARTICIPANT_IDS)
            @IfMistyped(value = PARTICIPANT_IDS, item = AGENT_ID)
            List<@NotNull(message = AGENT_ID) UUID> participantIds) {}

    @RequestRecord
    record AddChannelParticipantRequest(
            @NotNull(message = REQUIRED) @IfMistyped(AGENT_ID)
            UUID agentId) {}

    @RequestRecord
    record SendChannelMessageRequest(
            @NotNull(message = REQUIRED) EncryptedEnvelope encryptedContent,

            @Schema(defaultValue = DEFAULT_KIND)
            @Pattern(regexp = "[a-z0-9._-]{1," + MAX_KIND + "}", message = KIND)
            @IfMistyped(KIND)
            String kind) {}
}
