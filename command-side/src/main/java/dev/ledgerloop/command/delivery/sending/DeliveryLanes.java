package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.webhook.WebhookProperties;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Bounds attempts in flight: a few per endpoint and a global maximum, so one slow endpoint holds at most its own
 * share and never the others'.
 */
@Component
class DeliveryLanes {
    private final int perEndpoint;
    private final Semaphore global;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    DeliveryLanes(WebhookProperties properties) {
        this.perEndpoint = properties.concurrencyPerEndpoint();
        this.global = new Semaphore(properties.maxInFlight());
    }

    boolean tryAcquire(UUID webhookId) {
        if (!global.tryAcquire()) {
            return false;
        }
        AtomicInteger lane = inFlight.computeIfAbsent(webhookId, id -> new AtomicInteger());
        if (lane.incrementAndGet() > perEndpoint) {
            lane.decrementAndGet();
            global.release();
            return false;
        }
        return true;
    }

    void release(UUID webhookId) {
        inFlight.get(webhookId).decrementAndGet();
        global.release();
    }

    /** How many more attempts may start now, whichever their endpoints. */
    int free() {
        return global.availablePermits();
    }

    /** The endpoints that take no further attempt now. */
    Set<String> busyEndpoints() {
        return inFlight.entrySet().stream()
                .filter(lane -> lane.getValue().get() >= perEndpoint)
                .map(lane -> lane.getKey().toString())
                .collect(Collectors.toSet());
    }
}
