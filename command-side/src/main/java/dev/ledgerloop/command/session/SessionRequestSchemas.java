package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The shapes of the session request bodies (API.md §Sessions, §Humans), for the API description only: the
 * controllers read {@code JsonNode} through {@link SessionRequests}, which also accepts an envelope as a string.
 */
final class SessionRequestSchemas {
    private SessionRequestSchemas() {}

    record OpenSessionRequest(
            EncryptedEnvelope encryptedTitle,
            @Schema(defaultValue = "false") Boolean isPublic,
            @Schema(minimum = "0", maximum = "10000") Integer maxGuests) {}

    record SendMessageRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            EncryptedEnvelope encryptedContent,

            EncryptedEnvelope encryptedComponents,
            @Schema(defaultValue = "false") Boolean responseRequired,
            @Schema(defaultValue = "Medium") Priority priority,
            Instant deadlineAt,
            String referenceId) {}

    record EditMessageRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            EncryptedEnvelope encryptedContent,

            EncryptedEnvelope encryptedComponents) {}

    record AddParticipantRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String userId,

            @Schema(defaultValue = "member") ParticipantRole role) {}

    record ChangeRoleRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            ParticipantRole role) {}

    record HumanMessageRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            EncryptedEnvelope encryptedContent,

            EncryptedEnvelope encryptedComponents) {}

    record RespondRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            EncryptedEnvelope encryptedResponse) {}

    record GuestTokenRequest(@Schema(minimum = "1") Integer maxUses, Instant expiresAt) {}

    record JoinRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the token from the publicUrl")
            String token) {}
}
