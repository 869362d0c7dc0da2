package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.SendMessage;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The session request bodies (docs/services.md): each binds, validates and describes itself in the API. */
public final class SessionRequests {
    static final int MAX_GUESTS = 10_000;
    static final int MAX_REFERENCE_ID = 200;
    static final int MAX_USER_ID = 200;
    static final int MAX_TOKEN = 100;
    static final int MAX_DISPLAY_NAME = 100;
    static final String REQUIRED = "is required";
    static final String DISPLAY_NAME =
            "must be a string of 1 to " + MAX_DISPLAY_NAME + " characters, not blank, without control characters";
    static final int MAX_DECISION = 100;
    static final String DECISION = "must be a string of 1 to " + MAX_DECISION + " characters";
    static final String SIGNATURE = "must be base64 of 64 bytes";
    /** Standard padded base64 of exactly 64 bytes: 86 characters and "==". */
    static final String SIGNATURE_BASE64 = "[A-Za-z0-9+/]{85}[AQgw]==";

    private static final String GUEST_COUNT = "must be a whole number from 0 to " + MAX_GUESTS;

    private SessionRequests() {}

    @RequestRecord
    record OpenSessionRequest(
            EncryptedEnvelope encryptedTitle,
            @Schema(defaultValue = "false") Boolean isPublic,

            @Min(value = 0, message = GUEST_COUNT)
            @Max(value = MAX_GUESTS, message = GUEST_COUNT)
            @IfMistyped(GUEST_COUNT)
            Integer maxGuests,

            @Schema(
                    description = "every answer must be signed; default: the space's setting (false unless the owner"
                            + " set it)")
            Boolean requireSignedAnswers) {}

    /** What an agent sends into its session; the legacy interactions send the same (docs/api.md §Legacy interactions). */
    @RequestRecord
    public record SendMessageRequest(
            @NotNull(message = REQUIRED) EncryptedEnvelope encryptedContent,
            EncryptedEnvelope encryptedComponents,
            @Schema(defaultValue = "false") Boolean responseRequired,
            @Schema(defaultValue = "Medium") Priority priority,
            Instant deadlineAt,

            @Size(max = MAX_REFERENCE_ID, message = "must be a string of at most " + MAX_REFERENCE_ID + " characters")
            @IfMistyped("must be a string of at most " + MAX_REFERENCE_ID + " characters")
            String referenceId) {

        SendMessage toCommand(UUID sessionId, UUID agentId) {
            return new SendMessage(
                    sessionId,
                    agentId,
                    UUID.randomUUID(),
                    encryptedContent,
                    encryptedComponents,
                    Boolean.TRUE.equals(responseRequired),
                    priority == null ? Priority.Medium : priority,
                    deadlineAt,
                    referenceId);
        }
    }

    @RequestRecord
    record EditMessageRequest(
            @NotNull(message = REQUIRED) EncryptedEnvelope encryptedContent, EncryptedEnvelope encryptedComponents) {}

    @RequestRecord
    record AddParticipantRequest(
            @NotNull(message = REQUIRED)
            @NotBlank(message = "must not be blank")
            @Size(max = MAX_USER_ID, message = "must be a string of at most " + MAX_USER_ID + " characters")
            @IfMistyped("must be a string of at most " + MAX_USER_ID + " characters")
            String userId,

            @Schema(defaultValue = "member") ParticipantRole role) {}

    @RequestRecord
    record ChangeRoleRequest(@NotNull(message = REQUIRED) ParticipantRole role) {}

    @RequestRecord
    record HumanMessageRequest(
            @NotNull(message = REQUIRED) EncryptedEnvelope encryptedContent, EncryptedEnvelope encryptedComponents) {}

    @RequestRecord
    record RespondRequest(
            @NotNull(message = REQUIRED) EncryptedEnvelope encryptedResponse,

            @Schema(description = "the human's Ed25519 signature over the decision (docs/api.md §Signed decisions)")
            @Valid
            SignatureRequest signature) {}

    @RequestRecord
    record SignatureRequest(
            @Schema(allowableValues = "Ed25519", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Pattern(regexp = "Ed25519", message = "must be Ed25519")
            @IfMistyped("must be Ed25519")
            String alg,

            @Schema(description = "what was decided, signed with the rest", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Size(min = 1, max = MAX_DECISION, message = DECISION)
            @IfMistyped(DECISION)
            String decision,

            @Schema(description = "base64 of the 64-byte signature", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Pattern(regexp = SIGNATURE_BASE64, message = SIGNATURE)
            @IfMistyped(SIGNATURE)
            String value) {}

    @RequestRecord
    record GuestTokenRequest(
            @Schema(minimum = "1")
            @Min(value = 0, message = GUEST_COUNT)
            @Max(value = MAX_GUESTS, message = GUEST_COUNT)
            @IfMistyped(GUEST_COUNT)
            Integer maxUses,

            Instant expiresAt) {}

    @RequestRecord
    record JoinRequest(
            @Schema(description = "the token from the publicUrl")
            @NotNull(message = REQUIRED)
            @NotBlank(message = "must not be blank")
            @Size(max = MAX_TOKEN, message = "must be a string of at most " + MAX_TOKEN + " characters")
            @IfMistyped("must be a string of at most " + MAX_TOKEN + " characters")
            String token) {}

    @RequestRecord
    record PublicJoinRequest(
            @Schema(description = "the guest token from the session's public link")
            @NotNull(message = REQUIRED)
            @NotBlank(message = "must not be blank")
            @Size(max = MAX_TOKEN, message = "must be a string of at most " + MAX_TOKEN + " characters")
            @IfMistyped("must be a string of at most " + MAX_TOKEN + " characters")
            String token,

            @Schema(description = "the display name the guest chose")
            @NotNull(message = REQUIRED)
            @Pattern(regexp = "[^\\p{Cntrl}]*[^\\p{Cntrl}\\s][^\\p{Cntrl}]*", message = DISPLAY_NAME)
            @Size(max = MAX_DISPLAY_NAME, message = DISPLAY_NAME)
            @IfMistyped(DISPLAY_NAME)
            String name) {}
}
