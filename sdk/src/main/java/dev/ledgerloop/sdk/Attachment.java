package dev.ledgerloop.sdk;

import java.time.Instant;

/**
 * An uploaded attachment.
 *
 * @param id its id
 * @param sessionId its session
 * @param filename the name given
 * @param mimeType the declared content type
 * @param size bytes
 * @param sha256 lowercase hex SHA-256 of the bytes
 * @param uploadedBy the uploader
 * @param createdAt when it was uploaded
 */
public record Attachment(
        String id,
        String sessionId,
        String filename,
        String mimeType,
        long size,
        String sha256,
        String uploadedBy,
        Instant createdAt) {}
