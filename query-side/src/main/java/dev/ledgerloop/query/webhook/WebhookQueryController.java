package dev.ledgerloop.query.webhook;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.SpaceOwners;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The space owner reads its webhook endpoints (docs/api.md §Webhooks); secrets are never answered here. */
@RestController
@RequestMapping("/v1/admin/webhooks")
class WebhookQueryController {
    private final MongoCollection<Document> webhooks;

    WebhookQueryController(MongoDatabase database) {
        this.webhooks = database.getCollection(WebhooksProjection.COLLECTION);
    }

    @GetMapping
    Page<Map<String, Object>> list(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        SpaceOwners.requireOwner(principal);
        PageRequest request = PageRequest.of(page, pageSize);
        Bson filter = inSpace(principal);
        List<Map<String, Object>> data = new ArrayList<>();
        webhooks.find(filter)
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                .skip(request.skip())
                .limit(request.pageSize())
                .forEach(document -> data.add(resource(document)));
        return new Page<>(data, webhooks.countDocuments(filter), request.page(), request.pageSize());
    }

    @GetMapping("/{webhookId}")
    Map<String, Object> get(Principal principal, @PathVariable UUID webhookId) {
        SpaceOwners.requireOwner(principal);
        Document found = webhooks.find(and(eq("_id", webhookId.toString()), inSpace(principal)))
                .first();
        if (found == null) {
            throw ApiException.notFound("Webhook " + webhookId + " not found");
        }
        return resource(found);
    }

    private static Bson inSpace(Principal principal) {
        return and(eq("spaceId", principal.spaceId().toString()), eq("deleted", false));
    }

    private static Map<String, Object> resource(Document document) {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("id", document.getString("_id"));
        webhook.put("url", document.getString("url"));
        webhook.put("eventTypes", document.getList("eventTypes", String.class));
        webhook.put("scope", Map.of("agentIds", document.getList("agentIds", String.class)));
        webhook.put("enabled", document.getBoolean("enabled"));
        webhook.put("disabledReason", document.getString("disabledReason"));
        webhook.put("createdAt", Views.instant(document.get("createdAt")));
        webhook.put("updatedAt", Views.instant(document.get("updatedAt")));
        return webhook;
    }
}
