package dev.ledgerloop.command.log;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.SpaceOwners;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The space owner exports a session's or one decision's evidence bundle (docs/api.md §Verifiable log). */
@RestController
class EvidenceController {
    private final EvidenceExport export;

    EvidenceController(EvidenceExport export) {
        this.export = export;
    }

    @GetMapping(path = "/v1/admin/sessions/{sessionId}/export", produces = "application/zip")
    @Operation(
            summary = "Exports a session's evidence bundle (a zip an offline verifier checks)",
            description = "messageId: only that decision's records and the webhook deliveries about them;"
                    + " consistencyFrom: add a consistency proof from that tree size to the bundle's checkpoint")
    ResponseEntity<byte[]> export(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) UUID messageId,
            @RequestParam(required = false) Long consistencyFrom) {
        SpaceOwners.requireOwner(principal);
        byte[] zip = export.export(principal.spaceId(), sessionId, messageId, consistencyFrom)
                .toBytes();
        String name = "evidence-" + sessionId + (messageId == null ? "" : "-" + messageId) + ".zip";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(zip);
    }
}
