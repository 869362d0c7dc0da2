package dev.ledgerloop.command.session;

import dev.ledgerloop.events.session.AttachmentUploaded;
import java.time.Instant;
import java.util.UUID;

/** An attachment as its upload answers it. */
record AttachmentResource(
        UUID id,
        UUID sessionId,
        String filename,
        String mimeType,
        long size,
        String sha256,
        String uploadedBy,
        Instant createdAt) {

    static AttachmentResource of(AttachmentUploaded uploaded, Instant createdAt) {
        return new AttachmentResource(
                uploaded.attachmentId(),
                uploaded.sessionId(),
                uploaded.filename(),
                uploaded.mimeType(),
                uploaded.size(),
                uploaded.sha256(),
                uploaded.uploadedBy(),
                createdAt);
    }
}
