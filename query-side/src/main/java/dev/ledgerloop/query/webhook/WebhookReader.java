package dev.ledgerloop.query.webhook;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Whether a webhook endpoint exists in the caller's space, for the views that read under an endpoint's id. */
@Component
public class WebhookReader {
    private final MongoCollection<Document> webhooks;

    WebhookReader(MongoDatabase database) {
        this.webhooks = database.getCollection(WebhooksProjection.COLLECTION);
    }

    /** @throws ApiException 404 when the space has no such endpoint (another space's answers the same) */
    public void requireInSpace(Principal principal, UUID webhookId) {
        Document found = webhooks.find(and(
                        eq("_id", webhookId.toString()),
                        eq("spaceId", principal.spaceId().toString())))
                .first();
        if (found == null) {
            throw ApiException.notFound("Webhook " + webhookId + " not found");
        }
    }
}
