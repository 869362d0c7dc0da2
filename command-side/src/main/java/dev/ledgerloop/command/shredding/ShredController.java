package dev.ledgerloop.command.shredding;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The space owner crypto-shreds a session (docs/api.md §Shredding). */
@RestController
class ShredController {
    private final SessionShredding shredding;

    ShredController(SessionShredding shredding) {
        this.shredding = shredding;
    }

    @RequestRecord
    record ShredRequest(
            @NotNull(message = "is required: the id of the session to shred")
            String confirm) {}

    @PostMapping("/v1/admin/sessions/{sessionId}/shred")
    @Operation(
            summary = "Crypto-shreds a session: its data key is destroyed for good, its content shows as erased",
            description = "Body {confirm: <the session id>}. 200 {sessionId, shredded: true, erased: true}; 400 without"
                    + " the confirmation, 404 for an unknown session, 409 when it is already shredded. Proofs of the"
                    + " remaining ciphertext stay valid (GET .../verify).")
    ResponseEntity<Map<String, Object>> shred(
            Principal principal, @PathVariable UUID sessionId, @RequestBody @Valid ShredRequest body) {
        SpaceOwners.requireOwner(principal);
        if (!sessionId.toString().equals(body.confirm())) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "confirm must repeat the session id: " + sessionId);
        }
        boolean complete = shredding.shred(principal.spaceId(), sessionId, EventContext.of(principal));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionId", sessionId);
        answer.put("shredded", complete);
        answer.put("erased", true);
        return ResponseEntity.status(complete ? 200 : 202).body(answer);
    }
}
