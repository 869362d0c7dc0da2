package dev.ledgerloop.command.log;

import dev.ledgerloop.events.merkle.NoteSigner;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.SpaceOwners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The space owner's view of the verifiable log (docs/api.md §Verifiable log). Served by the command side, which
 * builds the log and holds the signing key; the gateway routes these reads here.
 */
@RestController
@RequestMapping("/v1/admin/log")
class LogController {
    private final LogProofs proofs;
    private final NoteSigner signer;

    LogController(LogProofs proofs, NoteSigner signer) {
        this.proofs = proofs;
        this.signer = signer;
    }

    // Text answers set their type here rather than with "produces", so that an error still answers the JSON body.
    @GetMapping("/checkpoint")
    @Operation(
            summary = "The space's latest signed checkpoint (C2SP tlog-checkpoint as a signed note)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/plain")))
    ResponseEntity<String> checkpoint(Principal principal) {
        SpaceOwners.requireOwner(principal);
        return text(proofs.latestCheckpoint(principal.spaceId()));
    }

    @GetMapping("/verifier-key")
    @Operation(
            summary = "The C2SP verifier key of the checkpoints' signing key",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/plain")))
    ResponseEntity<String> verifierKey(Principal principal) {
        SpaceOwners.requireOwner(principal);
        return text(signer.verifierKey());
    }

    @GetMapping("/proof/inclusion")
    @Operation(summary = "An RFC 9162 inclusion proof of one event, by default at the latest checkpoint's size")
    @ApiResponse(responseCode = "200", description = "the proof")
    @ApiResponse(
            responseCode = "409",
            description = "without treeSize: the event came after the latest checkpoint",
            ref = "#/components/responses/Conflict")
    LogProofResources.InclusionProof inclusion(
            Principal principal, @RequestParam UUID eventId, @RequestParam(required = false) Long treeSize) {
        SpaceOwners.requireOwner(principal);
        return proofs.inclusion(principal.spaceId(), eventId, treeSize);
    }

    @GetMapping("/proof/consistency")
    @Operation(summary = "An RFC 9162 consistency proof between two sizes of the space's log")
    LogProofResources.ConsistencyProof consistency(
            Principal principal, @RequestParam long first, @RequestParam long second) {
        SpaceOwners.requireOwner(principal);
        return proofs.consistency(principal.spaceId(), first, second);
    }

    private static ResponseEntity<String> text(String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(body);
    }
}
