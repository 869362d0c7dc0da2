package dev.ledgerloop.command.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.command.agent.AgentResource;
import dev.ledgerloop.command.agent.RegisterAgent;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.AgentNames;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.security.SecureRandom;
import java.util.HexFormat;
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
 * Provisioning (API.md §Authentication), for provisioning keys only: create an agent with a new API key, shown once
 * and stored only as its SHA-256 hash, and revoke an agent's key. An agent's id follows from its name, so creating an
 * agent that exists (e.g. one created by {@code X-Hiloop}) issues another key for it.
 */
@RestController
@RequestMapping("/v1/provision/agents")
class ProvisioningController {
    static final int MAX_DESCRIPTION = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityCommandSender commands;

    ProvisioningController(IdentityCommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ProvisionedAgent create(
            Principal principal,
            @RequestBody(required = false)
                    @Schema(implementation = ProvisioningRequestSchemas.ProvisionAgentRequest.class)
                    JsonNode body) {
        MetaData context = contextOf(principal);
        if (body == null || !body.isObject()) {
            throw ApiException.validation("The body must be a JSON object {name, description}");
        }
        String name = text(body, "name", 100);
        if (name == null) {
            throw ApiException.validation("Field 'name' is required");
        }
        if (!AgentNames.isValid(name)) {
            throw ApiException.validation(
                    "Field 'name' must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        String description = text(body, "description", MAX_DESCRIPTION);
        UUID agentId = AgentNames.agentId(principal.spaceId(), name);
        AgentResource agent = commands.send(
                new RegisterAgent(agentId, name, description), context, AgentResource.class, "Agent not found");
        String apiKey = "hlp_" + HexFormat.of().formatHex(randomBytes());
        UUID keyId = UUID.randomUUID();
        commands.send(
                new IssueApiKey(keyId, Sha256Hex.of(apiKey), agentId, name), context, UUID.class, "Key not found");
        return new ProvisionedAgent(agent, apiKey, keyId);
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

    private static String text(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > maxLength) {
            throw ApiException.validation(
                    "Field '" + field + "' must be a string of at most " + maxLength + " characters");
        }
        return value.asText();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** {@code {agent, apiKey, keyId}}: the key in clear this once. */
    record ProvisionedAgent(AgentResource agent, String apiKey, UUID keyId) {}
}
