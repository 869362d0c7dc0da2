package dev.ledgerloop.command.identity;

import dev.ledgerloop.command.agent.AgentCommand.RegisterAgent;
import dev.ledgerloop.command.agent.AgentResource;
import dev.ledgerloop.command.agent.AgentState;
import dev.ledgerloop.command.identity.ApiKeyCommand.IssueApiKey;
import dev.ledgerloop.command.identity.ApiKeyCommand.RevokeApiKey;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.AgentNames;
import dev.ledgerloop.platform.principal.KeyPermissions;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provisioning, for provisioning keys only: create an agent with a new API key, shown once
 * and stored only as its SHA-256 hash, with the permissions asked for ({@code ["agent"]} by default; {@code owner}
 * is the space owner's, never a provisioning key's to give), and revoke an agent's key. An agent's id follows from its name, so creating an
 * agent that exists (e.g. one created by {@code X-Hiloop}) issues another key for it.
 */
@RestController
@RequestMapping("/v1/provision/agents")
class ProvisioningController {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    private static final String NAME = "must be a string of at most " + MAX_NAME + " characters";
    private static final String DESCRIPTION = "must be a string of at most " + MAX_DESCRIPTION + " characters";
    private static final String PERMISSIONS = "must be a list of 1 to 4 permissions";
    private static final String PERMISSION = "must hold permissions: agent, manage, space or owner";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityCommandSender commands;

    ProvisioningController(IdentityCommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ProvisionedAgent create(Principal principal, @RequestBody @Valid ProvisionAgentRequest body) {
        MetaData context = contextOf(principal);
        String name = body.name();
        if (!AgentNames.isValid(name)) {
            throw ApiException.validation(
                    "Field 'name' must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        String description = body.description();
        List<String> permissions =
                KeyPermissions.normalised(body.permissions() == null ? KeyPermissions.DEFAULT : body.permissions());
        if (permissions.contains(KeyPermissions.OWNER)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "A provisioning key may not issue keys with the owner permission");
        }
        UUID agentId = AgentNames.agentId(principal.spaceId(), name);
        AgentState agent = commands.send(
                new RegisterAgent(agentId, name, description), context, AgentState.class, "Agent not found");
        String apiKey = "hlp_" + HexFormat.of().formatHex(randomBytes());
        UUID keyId = UUID.randomUUID();
        commands.send(
                new IssueApiKey(keyId, Sha256Hex.of(apiKey), agentId, name, permissions),
                context,
                UUID.class,
                "Key not found");
        return new ProvisionedAgent(AgentResource.of(agent), apiKey, keyId, permissions);
    }

    @DeleteMapping("/{agentId}/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Principal principal, @PathVariable UUID agentId, @PathVariable UUID keyId) {
        commands.send(
                new RevokeApiKey(keyId, agentId),
                contextOf(principal),
                Object.class,
                "API key " + keyId + " not found");
    }

    /** Provisioning keys are not actors of their own kind in the log: the system acts, naming the key. */
    private static MetaData contextOf(Principal principal) {
        if (!principal.isProvisioning()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only provisioning keys use /v1/provision endpoints");
        }
        return EventContext.system(principal.spaceId(), "provisioning-key:" + principal.keyId());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @RequestRecord(wrongBody = "The body must be a JSON object {name, description, permissions}")
    record ProvisionAgentRequest(
            @NotNull(message = "is required") @Size(max = MAX_NAME, message = NAME) @IfMistyped(NAME)
            String name,

            @Size(max = MAX_DESCRIPTION, message = DESCRIPTION) @IfMistyped(DESCRIPTION)
            String description,

            @Schema(
                    description = "what the key may do besides acting as its own agent: manage, space or owner"
                            + " also let it act as (and create) any agent of the space through X-Hiloop",
                    defaultValue = "[\"agent\"]",
                    example = "[\"agent\", \"manage\"]")
            @Size(min = 1, max = 4, message = PERMISSIONS)
            @IfMistyped(value = PERMISSIONS, item = PERMISSION)
            List<
                            @NotNull(message = PERMISSION)
                            @Pattern(regexp = "agent|manage|space|owner", message = PERMISSION) String>
                    permissions) {}

    /** {@code {agent, apiKey, keyId, permissions}}: the key in clear this once. */
    record ProvisionedAgent(AgentResource agent, String apiKey, UUID keyId, List<String> permissions) {}
}
