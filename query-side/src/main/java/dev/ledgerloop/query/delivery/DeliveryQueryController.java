package dev.ledgerloop.query.delivery;

import static com.mongodb.client.model.Filters.eq;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.query.webhook.WebhookReader;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.SpaceOwners;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading webhook deliveries (docs/api.md §Webhooks): an agent's deliveries and their stats, and, for the space owner,
 * an endpoint's.
 */
@RestController
class DeliveryQueryController {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Set<String> STATUSES = Set.of("Pending", "Succeeded", "Failed", "Exhausted");

    private final DeliveryReader reader;
    private final WebhookReader webhooks;

    DeliveryQueryController(DeliveryReader reader, WebhookReader webhooks) {
        this.reader = reader;
        this.webhooks = webhooks;
    }

    @GetMapping("/v1/agent/webhook-deliveries")
    Map<String, Object> agentDeliveries(
            Principal principal,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String webhookId,
            @RequestParam(required = false) String type) {
        List<Bson> conditions = filters(status, webhookId, type);
        conditions.add(eq("agentId", agentOf(principal)));
        return reader.list(principal, conditions, limit(limit));
    }

    @GetMapping("/v1/agent/webhook-deliveries/stats")
    Map<String, Object> agentStats(Principal principal) {
        String agentId = agentOf(principal);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("agentId", agentId);
        answer.putAll(reader.stats(principal, DeliveryStatsProjection.SCOPE_AGENT, eq("scopeId", agentId)));
        answer.put(
                "endpoints",
                reader.statsByEndpoint(principal, DeliveryStatsProjection.SCOPE_WEBHOOK_AGENT, eq("agentId", agentId)));
        return answer;
    }

    @GetMapping("/v1/agent/webhook-deliveries/{deliveryId}")
    DeliveryView agentDelivery(Principal principal, @PathVariable UUID deliveryId) {
        return reader.get(principal, deliveryId.toString(), eq("agentId", agentOf(principal)));
    }

    @GetMapping("/v1/admin/webhooks/{webhookId}/deliveries")
    Map<String, Object> endpointDeliveries(
            Principal principal,
            @PathVariable UUID webhookId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type) {
        SpaceOwners.requireOwner(principal);
        webhooks.requireInSpace(principal, webhookId);
        return reader.list(principal, filters(status, webhookId.toString(), type), limit(limit));
    }

    @GetMapping("/v1/admin/webhooks/{webhookId}/stats")
    Map<String, Object> endpointStats(Principal principal, @PathVariable UUID webhookId) {
        SpaceOwners.requireOwner(principal);
        webhooks.requireInSpace(principal, webhookId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("webhookId", webhookId.toString());
        answer.putAll(
                reader.stats(principal, DeliveryStatsProjection.SCOPE_WEBHOOK, eq("scopeId", webhookId.toString())));
        return answer;
    }

    private static List<Bson> filters(String status, String webhookId, String type) {
        List<Bson> conditions = new ArrayList<>();
        if (QueryParameters.optionalOneOf("status", status, STATUSES) != null) {
            conditions.add(eq("status", status));
        }
        if (webhookId != null) {
            try {
                conditions.add(eq("webhookId", UUID.fromString(webhookId).toString()));
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("Parameter 'webhookId' must be a UUID");
            }
        }
        if (type != null) {
            conditions.add(eq("type", type));
        }
        return conditions;
    }

    private static int limit(String limit) {
        return QueryParameters.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static String agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return principal.subjectId();
    }
}
