package dev.ledgerloop.command.interaction;

import dev.ledgerloop.command.session.SessionRequests.SendMessageRequest;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The legacy interaction request bodies (docs/api.md §Legacy interactions), mapped onto session messages. */
final class InteractionRequests {
    static final String DEFAULT_TYPE = "approval";
    private static final String REQUIRED = "is required";
    private static final int MAX_REFERENCE_ID = 200;
    private static final String REFERENCE_ID = "must be a string of at most " + MAX_REFERENCE_ID + " characters";
    private static final String TYPE = "must be 1 to 50 characters of A-Z a-z 0-9 . _ -";

    private InteractionRequests() {}

    /** The interaction: a session opened with {@code type}, and its request, a message that asks for a response. */
    @RequestRecord
    record CreateInteractionRequest(
            @Schema(
                    description = "what kind of request this is (approval, choice, input, ...); stored in clear, so it"
                            + " must hold no secret",
                    defaultValue = DEFAULT_TYPE)
            @Pattern(regexp = "[A-Za-z0-9._-]{1,50}", message = TYPE)
            @IfMistyped(TYPE)
            String type,

            @Schema(description = "the session's title") EncryptedEnvelope encryptedTitle,

            @Schema(description = "the request's text") @NotNull(message = REQUIRED)
            EncryptedEnvelope encryptedContent,

            @Schema(description = "the request's component tree (buttons, forms, ...)")
            EncryptedEnvelope encryptedComponents,

            @Schema(defaultValue = "Medium") Priority priority,

            @Schema(description = "unanswered by then, the interaction is expired")
            Instant deadlineAt,

            @Size(max = MAX_REFERENCE_ID, message = REFERENCE_ID) @IfMistyped(REFERENCE_ID)
            String referenceId,

            @Schema(description = "the answer must be signed; default: the space's setting")
            Boolean requireSignedAnswers) {

        String typeOrDefault() {
            return type == null ? DEFAULT_TYPE : type;
        }

        SendMessageRequest request() {
            return new SendMessageRequest(
                    encryptedContent, encryptedComponents, true, priority, deadlineAt, referenceId);
        }
    }

    /** Content blocks pushed into the interaction: a message that asks for nothing, its components the blocks. */
    @RequestRecord
    record PushBlocksRequest(
            @Schema(description = "the blocks: a component tree, as a message's encryptedComponents")
            @NotNull(message = REQUIRED)
            EncryptedEnvelope encryptedBlocks,

            @Schema(description = "the text shown where the blocks cannot be, as a message's encryptedContent")
            @NotNull(message = REQUIRED)
            EncryptedEnvelope encryptedContent,

            @Size(max = MAX_REFERENCE_ID, message = REFERENCE_ID) @IfMistyped(REFERENCE_ID)
            String referenceId) {

        SendMessageRequest message() {
            return new SendMessageRequest(encryptedContent, encryptedBlocks, false, null, null, referenceId);
        }
    }
}
