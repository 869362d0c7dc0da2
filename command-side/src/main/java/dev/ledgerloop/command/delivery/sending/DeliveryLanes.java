package dev.ledgerloop.command.delivery.sending;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.ledgerloop.command.webhook.WebhookProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Bounds attempts in flight: a global maximum, and per endpoint a limit that adapts to how the endpoint answers, so one
 * slow endpoint holds at most its own share and never the others', and a fast one is not held to a few at a time.
 *
 * <p>The limit per endpoint is additive increase, multiplicative decrease (Netflix's concurrency-limits, {@code
 * AIMDLimit}): it starts at {@code concurrency-per-endpoint}; each delivered attempt that began while at least half
 * the limit was in flight raises it by one, up to {@code max-concurrency-per-endpoint}; each attempt that found the
 * endpoint {@linkplain AttemptResult#OVERLOADED overloaded} halves it, down to one. A receiver that takes 100 ms an
 * answer got 40 deliveries a second at the fixed 4 lanes before, whatever its own capacity.
 */
@Component
class DeliveryLanes {
    private static final double BACKOFF_RATIO = 0.5;

    private final WebhookProperties properties;
    private final MeterRegistry meters;
    private final Semaphore global;
    private final Map<UUID, SimpleLimiter<Void>> endpoints = new ConcurrentHashMap<>();

    DeliveryLanes(WebhookProperties properties, MeterRegistry meters) {
        if (properties.concurrencyPerEndpoint() < 1
                || properties.maxConcurrencyPerEndpoint() < properties.concurrencyPerEndpoint()) {
            throw new IllegalArgumentException("ledgerloop.webhooks.concurrency-per-endpoint must be at least 1 and at"
                    + " most ledgerloop.webhooks.max-concurrency-per-endpoint");
        }
        this.properties = properties;
        this.meters = meters;
        this.global = new Semaphore(properties.maxInFlight());
    }

    /** A lane for one attempt to the endpoint, or empty when the endpoint or all of them are at their limit. */
    Optional<Lane> tryAcquire(UUID webhookId) {
        if (!global.tryAcquire()) {
            return Optional.empty();
        }
        Optional<Limiter.Listener> listener = limiter(webhookId).acquire(null);
        if (listener.isEmpty()) {
            global.release();
            return Optional.empty();
        }
        return Optional.of(new Lane(listener.get()));
    }

    /** How many more attempts may start now, whichever their endpoints. */
    int free() {
        return global.availablePermits();
    }

    /** The endpoints that take no further attempt now. */
    Set<String> busyEndpoints() {
        return endpoints.entrySet().stream()
                .filter(endpoint ->
                        endpoint.getValue().getInflight() >= endpoint.getValue().getLimit())
                .map(endpoint -> endpoint.getKey().toString())
                .collect(Collectors.toSet());
    }

    /** The endpoint's limit of attempts in flight now. */
    int limitOf(UUID webhookId) {
        return limiter(webhookId).getLimit();
    }

    private SimpleLimiter<Void> limiter(UUID webhookId) {
        return endpoints.computeIfAbsent(webhookId, this::newLimiter);
    }

    private SimpleLimiter<Void> newLimiter(UUID webhookId) {
        SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder()
                .limit(AIMDLimit.newBuilder()
                        .initialLimit(properties.concurrencyPerEndpoint())
                        .minLimit(1)
                        .maxLimit(properties.maxConcurrencyPerEndpoint())
                        .backoffRatio(BACKOFF_RATIO)
                        .timeout(properties.timeout().toNanos(), TimeUnit.NANOSECONDS)
                        .build())
                .build();
        Gauge.builder("ledgerloop.webhook.endpoint.concurrency", limiter, SimpleLimiter::getLimit)
                .description("Attempts one webhook endpoint may have in flight now (adapts to its answers)")
                .tag("webhook", webhookId.toString())
                .register(meters);
        return limiter;
    }

    /** One attempt's place: released once, with what the attempt says about the endpoint's load. */
    final class Lane {
        private final Limiter.Listener listener;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lane(Limiter.Listener listener) {
            this.listener = listener;
        }

        void release(AttemptResult result) {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            switch (result) {
                case DELIVERED -> listener.onSuccess();
                case OVERLOADED -> listener.onDropped();
                case OTHER -> listener.onIgnore();
            }
            global.release();
        }
    }
}
