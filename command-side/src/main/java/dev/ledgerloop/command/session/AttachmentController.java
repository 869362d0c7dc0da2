package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.AttachFile;
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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads: a multipart {@code file} part holding end-to-end encrypted bytes. The
 * bytes are stored first, then the event that names them by hash; if the event is refused they are removed.
 */
@RestController
@RequestMapping("/v1/agent/sessions/{sessionId}/attachments")
class AttachmentController {
    private static final int MAX_FILENAME = 255;

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
        byte[] bytes = file.getBytes();
        UUID attachmentId = UUID.randomUUID();
        store.store(principal.spaceId(), sessionId, attachmentId, bytes);
        try {
            AttachmentAccepted accepted = commands.send(
                    new AttachFile(
                            sessionId,
                            UUID.fromString(principal.subjectId()),
                            attachmentId,
                            filename,
                            file.getContentType() == null
                                    ? MediaType.APPLICATION_OCTET_STREAM_VALUE
                                    : file.getContentType(),
                            bytes.length,
                            Sha256Hex.of(bytes)),
                    principal,
                    AttachmentAccepted.class);
            return AttachmentResource.of(accepted);
        } catch (RuntimeException refused) {
            store.delete(attachmentId);
            throw refused;
        }
    }
}
