package dev.ledgerloop.command.keys;

import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body that registers an X25519 public key: the agent's, or the space's (docs/api.md §Keys). */
@RequestRecord
public record PublicKeyRequest(
        @Schema(
                description = "base64 of the raw 32-byte X25519 public key",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @IfMistyped(KeyFields.BASE64_32)
        String publicKey,

        @Schema(description = "the key id the client computed; refused unless it is the key's")
        @IfMistyped("must be a string")
        String fingerprint) {}
