package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/**
 * A file was attached to the session by its agent ({@code uploadedBy} = agent id) or a participant (user id). The
 * end-to-end encrypted bytes live outside the log; {@code sha256} (hex, of those bytes) ties them to this event.
 */
public record AttachmentUploaded(
        UUID sessionId,
        UUID attachmentId,
        String filename,
        String mimeType,
        long size,
        String sha256,
        String uploadedBy)
        implements SessionEvent {

    public AttachmentUploaded {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(sha256, "sha256");
    }
}
