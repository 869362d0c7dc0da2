package dev.ledgerloop.command.webhook;

import dev.ledgerloop.command.webhook.WebhookEndpointCommand.CreateWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DeleteWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.RotateWebhookSecret;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.UpdateWebhookEndpoint;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.events.EventContext;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The space owner's webhook endpoints that change something (docs/webhooks.md); reads are the query side's. */
@RestController
@RequestMapping("/v1/admin/webhooks")
class WebhookAdminController {
    private final WebhookCommandSender commands;
    private final TargetUrlPolicy targets;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookAdminController(
            WebhookCommandSender commands, TargetUrlPolicy targets, WebhookProperties properties, Clock clock) {
        this.commands = commands;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WebhookResource create(Principal principal, @RequestBody @Valid WebhookRequests.WebhookRequest body) {
        SpaceOwners.requireOwner(principal);
        List<UUID> agentIds = body.distinctAgentIds();
        CreateWebhookEndpoint command = new CreateWebhookEndpoint(
                UUID.randomUUID(),
                allowedUrl(body.url()),
                body.distinctEventTypes(),
                agentIds == null ? List.of() : agentIds,
                body.enabled() == null || body.enabled(),
                WebhookSecrets.generate(),
                body.token());
        return WebhookResource.created(
                commands.send(command, command.webhookId(), EventContext.of(principal), WebhookEndpointState.class));
    }

    @PatchMapping("/{webhookId}")
    WebhookResource update(
            Principal principal,
            @PathVariable UUID webhookId,
            @RequestBody @Valid WebhookRequests.WebhookChangeRequest body) {
        SpaceOwners.requireOwner(principal);
        if (body.token() != null) {
            throw ApiException.validation("Field 'token' " + WebhookRequests.TOKEN_FIXED);
        }
        UpdateWebhookEndpoint command = new UpdateWebhookEndpoint(
                webhookId,
                body.url() == null ? null : allowedUrl(body.url()),
                body.distinctEventTypes(),
                body.distinctAgentIds(),
                body.enabled());
        return WebhookResource.of(
                commands.send(command, webhookId, EventContext.of(principal), WebhookEndpointState.class));
    }

    @DeleteMapping("/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Principal principal, @PathVariable UUID webhookId) {
        SpaceOwners.requireOwner(principal);
        commands.send(new DeleteWebhookEndpoint(webhookId), webhookId, EventContext.of(principal), Object.class);
    }

    @PostMapping("/{webhookId}/rotate-secret")
    Map<String, String> rotateSecret(Principal principal, @PathVariable UUID webhookId) {
        SpaceOwners.requireOwner(principal);
        RotateWebhookSecret command = new RotateWebhookSecret(
                webhookId, WebhookSecrets.generate(), clock.instant().plus(properties.secretOverlap()));
        String secret = commands.send(command, webhookId, EventContext.of(principal), String.class);
        return Map.of("secret", secret);
    }

    private String allowedUrl(String url) {
        targets.refusal(url).ifPresent(reason -> {
            throw ApiException.validation("Field 'url' " + reason);
        });
        return url;
    }
}
