package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.AttachFile;
import dev.ledgerloop.command.session.SessionCommand.CheckAttachmentAllowed;
import dev.ledgerloop.command.session.SessionResources.AttachmentResource;
import dev.ledgerloop.command.session.SessionResults.AttachmentAccepted;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.attachment.AttachmentStore;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads: a multipart {@code file} part holding end-to-end encrypted bytes. The session first confirms the agent may
 * attach to it, then the bytes are stored, then the event that names them by hash; if the event is refused they are
 * removed.
 */
@RestController
@RequestMapping("/v1/agent/sessions/{sessionId}/attachments")
class AttachmentController {
    private static final int MAX_FILENAME = 255;
    private static final int MAX_MIME_TYPE = 255;

    private final SessionCommandSender commands;
    private final AttachmentStore store;

    AttachmentController(SessionCommandSender commands, AttachmentStore store) {
        this.commands = commands;
        this.store = store;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    AttachmentResource upload(
            Principal principal, @PathVariable UUID sessionId, @RequestPart("file") MultipartFile file)
            throws IOException {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        if (file.isEmpty()) {
            throw ApiException.validation("Part 'file' must not be empty");
        }
        String filename = file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename();
        if (filename.length() > MAX_FILENAME) {
            throw ApiException.validation("The file name must be at most " + MAX_FILENAME + " characters");
        }
        String mimeType = declaredType(file.getContentType());
        UUID agentId = UUID.fromString(principal.subjectId());
        // Nothing is stored for a session the agent may not attach to (another agent's, closed, or none).
        commands.send(new CheckAttachmentAllowed(sessionId, agentId), principal, Boolean.class);
        byte[] bytes = file.getBytes();
        UUID attachmentId = UUID.randomUUID();
        store.store(principal.spaceId(), sessionId, attachmentId, bytes);
        try {
            AttachmentAccepted accepted = commands.send(
                    new AttachFile(
                            sessionId, agentId, attachmentId, filename, mimeType, bytes.length, Sha256Hex.of(bytes)),
                    principal,
                    AttachmentAccepted.class);
            return AttachmentResource.of(accepted);
        } catch (RuntimeException refused) {
            store.delete(attachmentId);
            throw refused;
        }
    }

    /** The part's media type as {@code type/subtype[; parameters]}, or octet-stream when none is given. */
    private static String declaredType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        if (contentType.length() > MAX_MIME_TYPE) {
            throw ApiException.validation("The file's content type must be at most " + MAX_MIME_TYPE + " characters");
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                throw ApiException.validation("The file's content type must be concrete, not " + type);
            }
            return type.toString();
        } catch (InvalidMediaTypeException e) {
            throw ApiException.validation("The file's content type is not a media type (type/subtype)");
        }
    }
}
