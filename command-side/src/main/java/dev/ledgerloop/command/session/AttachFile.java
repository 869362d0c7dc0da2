package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent attaches a file whose bytes are already stored (see AttachmentStore). */
record AttachFile(
        @TargetAggregateIdentifier UUID sessionId,
        UUID agentId,
        UUID attachmentId,
        String filename,
        String mimeType,
        long size,
        String sha256)
        implements SessionCommand {}
