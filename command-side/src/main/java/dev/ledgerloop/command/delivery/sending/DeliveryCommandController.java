package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.delivery.DeliveryCommand.RetryDelivery;
import dev.ledgerloop.command.delivery.DeliveryStatus;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DescribeWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookTarget;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asking for deliveries again (docs/webhooks.md): an agent retries one of its deliveries; the space owner recovers
 * every delivery of an endpoint given up on since a time.
 */
@RestController
class DeliveryCommandController {
    private final CommandGateway commands;
    private final DeliverySchedule schedule;
    private final Clock clock;

    DeliveryCommandController(CommandGateway commands, DeliverySchedule schedule, Clock clock) {
        this.commands = commands;
        this.schedule = schedule;
        this.clock = clock;
    }

    @PostMapping("/v1/agent/webhook-deliveries/{deliveryId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> retry(Principal principal, @PathVariable UUID deliveryId) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        try {
            commands.sendAndWait(
                    new RetryDelivery(deliveryId, UUID.fromString(principal.subjectId())), EventContext.of(principal));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("Delivery " + deliveryId + " not found");
        }
        return Map.of("id", deliveryId, "status", DeliveryStatus.Pending.name());
    }

    @PostMapping("/v1/admin/webhooks/{webhookId}/recover")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> recover(
            Principal principal, @PathVariable UUID webhookId, @RequestBody @Valid RecoverRequest body) {
        SpaceOwners.requireOwner(principal);
        Instant since = body.since();
        WebhookTarget target;
        try {
            target = commands.sendAndWait(
                    new DescribeWebhookEndpoint(webhookId, clock.instant()), EventContext.of(principal));
        } catch (AggregateNotFoundException e) {
            target = null;
        }
        if (target == null || target.deleted() || !target.spaceId().equals(principal.spaceId())) {
            throw ApiException.notFound("Webhook " + webhookId + " not found");
        }
        List<UUID> exhausted = schedule.exhaustedSince(webhookId, since);
        for (UUID deliveryId : exhausted) {
            try {
                commands.sendAndWait(new RetryDelivery(deliveryId, null), EventContext.of(principal));
            } catch (DomainException e) {
                // Retried or delivered meanwhile.
            }
        }
        return Map.of("recovered", exhausted.size());
    }

    @RequestRecord(wrongBody = "Field 'since' " + RecoverRequest.SINCE)
    record RecoverRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "recover what was exhausted since then")
            @NotNull(message = SINCE)
            @IfMistyped(SINCE)
            Instant since) {
        static final String SINCE =
                "must be an ISO-8601 UTC timestamp from 1970 to 9999, such as 2026-03-25T10:30:00.000Z";
    }
}
