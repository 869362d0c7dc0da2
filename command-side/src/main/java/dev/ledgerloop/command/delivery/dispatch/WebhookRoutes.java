package dev.ledgerloop.command.delivery.dispatch;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.notification.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's own record of the endpoints that take deliveries, per space ({@code webhook_routes}): what it
 * matches events against. No secrets here; the sender reads those from the aggregate.
 */
@Component
class WebhookRoutes {
    static final String COLLECTION = "webhook_routes";

    record Route(UUID webhookId, List<String> eventTypes, List<UUID> agentIds) {
        /** Of a type it subscribes to and, when scoped to agents, concerning one of them (a channel's: taking part). */
        boolean takes(Notification notification) {
            return EventTypePatterns.anyMatches(eventTypes, notification.type())
                    && (agentIds.isEmpty() || agentIds.stream().anyMatch(notification::concerns));
        }
    }

    private final MongoCollection<Document> routes;
    private final AtomicLong changesMade = new AtomicLong();

    WebhookRoutes(MongoDatabase database) {
        this.routes = database.getCollection(COLLECTION);
        routes.createIndex(Indexes.ascending("spaceId"));
    }

    /** Applies a change from the endpoint's event with that sequence number, unless a later one was applied. */
    void change(UUID webhookId, UUID spaceId, long sequence, Bson changes) {
        try {
            GuardedWrites.updateGuarded(
                    routes,
                    webhookId.toString(),
                    sequence,
                    Updates.combine(changes, Updates.set("spaceId", spaceId.toString())),
                    true);
        } finally {
            // Also when the write failed: it may have been applied all the same.
            changesMade.incrementAndGet();
        }
    }

    /**
     * How many changes this instance has applied or tried to, from any thread: routes read before the count moved may
     * be out of date.
     */
    long changesMade() {
        return changesMade.get();
    }

    /** Every endpoint the space has had, active or not. */
    List<UUID> endpoints(UUID spaceId) {
        List<UUID> endpoints = new ArrayList<>();
        for (Document route : routes.find(eq("spaceId", spaceId.toString()))) {
            endpoints.add(UUID.fromString(route.getString("_id")));
        }
        return endpoints;
    }

    @SuppressWarnings("unchecked")
    List<Route> active(UUID spaceId) {
        List<Route> active = new ArrayList<>();
        for (Document route : routes.find(and(eq("spaceId", spaceId.toString()), eq("active", true)))) {
            List<UUID> agents = new ArrayList<>();
            for (String agent : (List<String>) route.get("agentIds", List.class)) {
                agents.add(UUID.fromString(agent));
            }
            active.add(new Route(
                    UUID.fromString(route.getString("_id")),
                    (List<String>) route.get("eventTypes", List.class),
                    agents));
        }
        return active;
    }
}
