package dev.ledgerloop.command.human;

import dev.ledgerloop.command.keys.KeyFields;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A human (guests too) registers their keys (docs/api.md §Keys); reading them is the query side's. */
@RestController
class HumanKeyController {
    private final HumanKeyDirectory keys;

    HumanKeyController(HumanKeyDirectory keys) {
        this.keys = keys;
    }

    @RequestRecord
    record HumanKeyRequest(
            @Schema(
                    description = "base64 of the raw 32-byte X25519 public key",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @IfMistyped(KeyFields.BASE64_32)
            String publicKey,

            @Schema(description = "the key id the client computed; refused unless it is the key's")
            @IfMistyped("must be a string")
            String fingerprint,

            @Schema(description = "base64 of the raw 32-byte Ed25519 public key that signs decisions")
            @IfMistyped(KeyFields.BASE64_32)
            String signingPublicKey) {}

    @PutMapping("/v1/human/public-key")
    @Operation(
            summary = "Registers the human's X25519 public key and, optionally, their Ed25519 signing key",
            description = "200 {userId, publicKey, fingerprint, signingPublicKey, signingKeyId, registeredAt}; a key"
                    + " that is not base64 of 32 bytes or not a valid key, or a fingerprint that is not the key's: 400."
                    + " A new registration replaces both keys, for new content and new answers only.")
    HumanKeyState register(Principal principal, @RequestBody @Valid HumanKeyRequest body) {
        if (!principal.isHuman()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        String fingerprint = KeyFields.x25519("publicKey", body.publicKey(), body.fingerprint());
        String signingKeyId =
                body.signingPublicKey() == null ? null : KeyFields.ed25519("signingPublicKey", body.signingPublicKey());
        return keys.register(principal, body.publicKey(), fingerprint, body.signingPublicKey(), signingKeyId);
    }
}
