package dev.ledgerloop.query.attachment;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.query.session.SessionReader;
import dev.ledgerloop.query.shredding.Erasure;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.attachment.AttachmentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A session's attachments for its agent and its participants (the web inbox downloads them): the list, and each
 * file's bytes as uploaded (still end-to-end encrypted).
 */
@RestController
class AttachmentQueryController {
    private final SessionReader sessions;
    private final ParticipantReader participants;
    private final MongoCollection<Document> attachments;
    private final AttachmentStore store;

    AttachmentQueryController(
            SessionReader sessions, ParticipantReader participants, MongoDatabase database, AttachmentStore store) {
        this.sessions = sessions;
        this.participants = participants;
        this.attachments = database.getCollection(AttachmentsProjection.COLLECTION);
        this.store = store;
    }

    record Attachment(
            String id,
            String sessionId,
            String filename,
            String mimeType,
            Long size,
            String sha256,
            String uploadedBy,
            Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean erased) {

        static Attachment of(Document document) {
            return new Attachment(
                    document.getString("_id"),
                    document.getString("sessionId"),
                    document.getString("filename"),
                    document.getString("mimeType"),
                    document.get("size") == null ? null : ((Number) document.get("size")).longValue(),
                    document.getString("sha256"),
                    document.getString("uploadedBy"),
                    Views.instant(document.get("createdAt")),
                    document.getBoolean(Erasure.ERASED, false) ? Boolean.TRUE : null);
        }
    }

    @GetMapping("/v1/agent/sessions/{sessionId}/attachments")
    Page<Attachment> list(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        sessions.get(principal, sessionId);
        return list(sessionId, page, pageSize);
    }

    @GetMapping("/v1/human/sessions/{sessionId}/attachments")
    Page<Attachment> humanList(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        participants.requireParticipant(principal, sessionId);
        return list(sessionId, page, pageSize);
    }

    private Page<Attachment> list(UUID sessionId, String page, String pageSize) {
        PageRequest request = PageRequest.of(page, pageSize);
        List<Attachment> data = new ArrayList<>();
        attachments
                .find(eq("sessionId", sessionId.toString()))
                .sort(Sorts.ascending("createdAt", "_id"))
                .skip(request.skip())
                .limit(request.pageSize())
                .forEach(document -> data.add(Attachment.of(document)));
        return new Page<>(
                data,
                attachments.countDocuments(eq("sessionId", sessionId.toString())),
                request.page(),
                request.pageSize());
    }

    @GetMapping("/v1/agent/sessions/{sessionId}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(
            Principal principal, @PathVariable UUID sessionId, @PathVariable UUID attachmentId) {
        sessions.get(principal, sessionId);
        return download(principal.spaceId(), sessionId, attachmentId);
    }

    @GetMapping("/v1/human/sessions/{sessionId}/attachments/{attachmentId}")
    ResponseEntity<byte[]> humanDownload(
            Principal principal, @PathVariable UUID sessionId, @PathVariable UUID attachmentId) {
        participants.requireParticipant(principal, sessionId);
        return download(principal.spaceId(), sessionId, attachmentId);
    }

    private ResponseEntity<byte[]> download(UUID spaceId, UUID sessionId, UUID attachmentId) {
        Document found = attachments
                .find(and(eq("_id", attachmentId.toString()), eq("sessionId", sessionId.toString())))
                .first();
        byte[] bytes = found == null
                ? null
                : store.read(spaceId, sessionId, attachmentId).orElse(null);
        if (bytes == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Attachment " + attachmentId + " not found");
        }
        Attachment attachment = Attachment.of(found);
        // The bytes are ciphertext whatever the declared type says; a browser must neither render nor sniff them.
        return ResponseEntity.ok()
                .contentType(servedType(attachment.mimeType()))
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(attachment.filename())
                                .build()
                                .toString())
                .header("X-Content-SHA256", attachment.sha256())
                .body(bytes);
    }

    /** The declared type when it is a valid concrete one (older uploads were not checked), else octet-stream. */
    private static MediaType servedType(String declared) {
        try {
            MediaType type = MediaType.parseMediaType(declared);
            return type.isConcrete() ? type : MediaType.APPLICATION_OCTET_STREAM;
        } catch (IllegalArgumentException invalid) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
