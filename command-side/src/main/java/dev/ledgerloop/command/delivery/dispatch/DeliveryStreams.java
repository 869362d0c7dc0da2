package dev.ledgerloop.command.delivery.dispatch;

import dev.ledgerloop.events.StreamNames;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The streams of the webhook deliveries an event may have caused: one per endpoint of its space, by derived id. */
@Component
public class DeliveryStreams {
    private final WebhookRoutes routes;

    DeliveryStreams(WebhookRoutes routes) {
        this.routes = routes;
    }

    /** Candidates only: an endpoint that did not take the event has no stream under that name. */
    public List<String> about(UUID spaceId, String eventId) {
        return routes.endpoints(spaceId).stream()
                .map(webhookId -> StreamNames.delivery(WebhookDispatcher.deliveryId(eventId, webhookId)))
                .toList();
    }
}
