package dev.ledgerloop.events.delivery;

import java.util.Objects;
import java.util.UUID;

/**
 * An event matched an endpoint: the payload to POST is fixed here, so every attempt sends the same body.
 *
 * @param agentId the agent the event belongs to, null when it belongs to none
 * @param eventId the id of the domain event that caused it
 * @param type the public webhook event type, e.g. {@code session.message.new}
 * @param payload the JSON body {@code {id, type, createdAt, data}}
 */
public record DeliveryCreated(
        UUID deliveryId, UUID webhookId, UUID agentId, String eventId, String type, String payload)
        implements DeliveryEvent {

    public DeliveryCreated {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
