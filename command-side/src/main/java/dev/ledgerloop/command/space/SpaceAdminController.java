package dev.ledgerloop.command.space;

import dev.ledgerloop.command.keys.KeyFields;
import dev.ledgerloop.command.keys.PublicKeyRequest;
import dev.ledgerloop.command.space.SpaceCommand.ChangeSettings;
import dev.ledgerloop.command.space.SpaceCommand.SetEncryptionKey;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The space owner sets the space's encryption key and its defaults (docs/api.md §Keys, §Signed decisions). */
@RestController
class SpaceAdminController {
    private final SpaceSettings space;

    SpaceAdminController(SpaceSettings space) {
        this.space = space;
    }

    @RequestRecord
    record SettingsRequest(
            @Schema(
                    description = "whether new sessions require signed answers unless they say",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Boolean requireSignedAnswers) {}

    @PutMapping("/v1/admin/encryption")
    @Operation(
            summary = "Sets the space's X25519 public key, which clients wrap envelopes for too",
            description = "200 {keyId, publicKey}; the private key stays with the owner's reviewer, never the server."
                    + " A key that is not base64 of 32 bytes, has small order or does not match fingerprint: 400")
    Map<String, String> setEncryptionKey(Principal principal, @RequestBody @Valid PublicKeyRequest body) {
        SpaceOwners.requireOwner(principal);
        String keyId = KeyFields.x25519("publicKey", body.publicKey(), body.fingerprint());
        SpaceState state = space.send(new SetEncryptionKey(principal.spaceId(), body.publicKey(), keyId), principal);
        return Map.of("keyId", state.keyId(), "publicKey", state.publicKey());
    }

    @PutMapping("/v1/admin/settings")
    @Operation(
            summary = "Sets the space's defaults",
            description = "200 {requireSignedAnswers}: whether sessions opened from now on require signed answers"
                    + " when they do not say")
    Map<String, Boolean> changeSettings(Principal principal, @RequestBody @Valid SettingsRequest body) {
        SpaceOwners.requireOwner(principal);
        if (body.requireSignedAnswers() == null) {
            throw DomainException.invalid("Field 'requireSignedAnswers' is required");
        }
        SpaceState state = space.send(new ChangeSettings(principal.spaceId(), body.requireSignedAnswers()), principal);
        return Map.of("requireSignedAnswers", state.requireSignedAnswers());
    }
}
