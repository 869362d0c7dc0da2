package dev.ledgerloop.query.delivery;

import dev.ledgerloop.query.Views;
import java.time.Instant;
import org.bson.Document;

/** A delivery as the API answers it: the event it carries, where it stands, and its last attempt. */
record DeliveryView(
        String id,
        String webhookId,
        String agentId,
        String eventId,
        String type,
        String status,
        int attempts,
        Instant lastAttemptAt,
        Integer lastStatus,
        String lastError,
        Long lastLatencyMs,
        String lastResponseBodyPrefix,
        Instant nextAttemptAt,
        String exhaustedReason,
        Instant createdAt,
        Instant updatedAt) {

    static DeliveryView of(Document document) {
        Number latency = document.get("lastLatencyMs", Number.class);
        return new DeliveryView(
                document.getString("_id"),
                document.getString("webhookId"),
                document.getString("agentId"),
                document.getString("eventId"),
                document.getString("type"),
                document.getString("status"),
                document.getInteger("attempts", 0),
                Views.instant(document.get("lastAttemptAt")),
                document.getInteger("lastStatus"),
                document.getString("lastError"),
                latency == null ? null : latency.longValue(),
                document.getString("lastResponseBodyPrefix"),
                Views.instant(document.get("nextAttemptAt")),
                document.getString("exhaustedReason"),
                Views.instant(document.get("createdAt")),
                Views.instant(document.get("updatedAt")));
    }
}
