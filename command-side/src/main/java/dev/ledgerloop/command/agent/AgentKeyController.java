package dev.ledgerloop.command.agent;

import dev.ledgerloop.command.agent.AgentCommand.RegisterPublicKey;
import dev.ledgerloop.command.keys.KeyFields;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An agent registers the X25519 key envelopes are wrapped for (docs/api.md §Keys); reading it is the query side's. */
@RestController
class AgentKeyController {
    private final AgentCommandSender commands;

    AgentKeyController(AgentCommandSender commands) {
        this.commands = commands;
    }

    @RequestRecord
    record PublicKeyRequest(
            @Schema(
                    description = "base64 of the raw 32-byte X25519 public key",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @IfMistyped(KeyFields.BASE64_32)
            String publicKey,

            @Schema(description = "the key id the client computed; refused unless it is the key's")
            @IfMistyped("must be a string")
            String fingerprint) {}

    @PutMapping("/v1/agent/public-key")
    @Operation(
            summary = "Registers the agent's X25519 public key",
            description = "200 {agentId, publicKey, fingerprint, registeredAt}; a key that is not base64 of 32 bytes,"
                    + " has small order, or does not match fingerprint: 400. A new key serves new content only.")
    AgentKeyState register(Principal principal, @RequestBody @Valid PublicKeyRequest body) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        String fingerprint = KeyFields.x25519("publicKey", body.publicKey(), body.fingerprint());
        UUID agentId = UUID.fromString(principal.subjectId());
        return (AgentKeyState)
                commands.send(agentId, new RegisterPublicKey(agentId, body.publicKey(), fingerprint), principal);
    }
}
