package dev.ledgerloop.command.log;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.SpaceOwners;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The space owner checks a session's record (docs/api.md §Verifiable log); routed to the command side. */
@RestController
class SessionVerificationController {
    private final SessionVerification verification;

    SessionVerificationController(SessionVerification verification) {
        this.verification = verification;
    }

    @GetMapping("/v1/admin/sessions/{sessionId}/verify")
    @Operation(
            summary = "Checks a session's hash chain, every event's inclusion in the latest signed checkpoint and every"
                    + " decision signature",
            description = "200 {ok: true, events, treeSize, eventsAfterCheckpoint, signedDecisions, erased} (erased:"
                    + " the session was crypto-shredded; its records still verify) or {ok: false, events, brokenLink:"
                    + " {check, index, eventId, reason}}; a decision signature that does not verify: {ok: false,"
                    + " events, brokenLink: {check: signature, messageId, responseId, reason}, signatureFailures}")
    Map<String, Object> verify(Principal principal, @PathVariable UUID sessionId) {
        SpaceOwners.requireOwner(principal);
        return verification.verify(principal.spaceId(), sessionId);
    }
}
