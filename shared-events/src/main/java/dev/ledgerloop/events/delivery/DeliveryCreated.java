package dev.ledgerloop.events.delivery;

import dev.ledgerloop.events.crypto.SessionSealed;
import java.util.Objects;
import java.util.UUID;

/**
 * An event matched an endpoint: the payload to POST is fixed here, so every attempt sends the same body.
 *
 * @param agentId the agent the event belongs to, null when it belongs to none
 * @param eventId the id of the domain event that caused it
 * @param type the public webhook event type, e.g. {@code session.message.new}
 * @param payload the JSON body {@code {id, type, createdAt, data}}; null when it is sealed
 * @param sessionId the session the event is about, so that shredding it erases the body of a delivery not yet sent;
 *     null when it is about none, and in deliveries recorded before this field
 * @param sealedPayload the body of a delivery about a session, sealed under the session's data key (shredding the
 *     session erases it); null in deliveries about no session and in those recorded before this field
 */
public record DeliveryCreated(
        UUID deliveryId,
        UUID webhookId,
        UUID agentId,
        String eventId,
        String type,
        String payload,
        UUID sessionId,
        SessionSealed sealedPayload)
        implements DeliveryEvent {

    public DeliveryCreated(UUID deliveryId, UUID webhookId, UUID agentId, String eventId, String type, String payload) {
        this(deliveryId, webhookId, agentId, eventId, type, payload, null, null);
    }

    public DeliveryCreated {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        if ((payload == null) == (sealedPayload == null)) {
            throw new IllegalArgumentException("A delivery has either a payload or a sealed payload");
        }
        if (sealedPayload != null && sessionId == null) {
            throw new IllegalArgumentException("A sealed payload belongs to a session");
        }
    }
}
