package dev.ledgerloop.command.agent;

import dev.ledgerloop.command.agent.AgentCommand.RegisterPublicKey;
import dev.ledgerloop.command.keys.KeyFields;
import dev.ledgerloop.command.keys.PublicKeyRequest;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import io.swagger.v3.oas.annotations.Operation;
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
