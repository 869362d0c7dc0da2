package dev.ledgerloop.command.delivery.sending;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Since when each endpoint has been failing without a single success ({@code webhook_health}). */
@Component
class EndpointHealth {
    private static final String FAILING_SINCE = "failingSince";

    private final MongoCollection<Document> health;

    EndpointHealth(MongoDatabase database) {
        this.health = database.getCollection("webhook_health");
    }

    void succeeded(UUID webhookId) {
        health.updateOne(eq("_id", webhookId.toString()), Updates.unset(FAILING_SINCE));
    }

    /** Records a failure; answers how long the endpoint has been failing. */
    Duration failed(UUID webhookId, Instant now) {
        try {
            health.updateOne(
                    and(eq("_id", webhookId.toString()), exists(FAILING_SINCE, false)),
                    Updates.set(FAILING_SINCE, java.util.Date.from(now)),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document endpoint = health.find(eq("_id", webhookId.toString())).first();
        if (endpoint == null || endpoint.getDate(FAILING_SINCE) == null) {
            return Duration.ZERO;
        }
        return Duration.between(endpoint.getDate(FAILING_SINCE).toInstant(), now);
    }
}
