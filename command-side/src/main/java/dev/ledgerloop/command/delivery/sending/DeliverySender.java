package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.delivery.DeliveryCommand.ExhaustDelivery;
import dev.ledgerloop.command.delivery.DeliveryCommand.RecordAttempt;
import dev.ledgerloop.command.webhook.TargetUrlPolicy;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DescribeWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DisableWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookProperties;
import dev.ledgerloop.command.webhook.WebhookTarget;
import dev.ledgerloop.events.MillisTimestamps;
import dev.ledgerloop.service.events.EventContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt of a delivery: signs the body (Standard Webhooks and {@code X-Hiloop-Signature}), POSTs it
 * without following redirects, and records the attempt and its outcome on the delivery's stream. A 2xx within the
 * attempt's deadline is success; anything else is retried on the {@link RetrySchedule}. {@code 410 Gone} disables the
 * endpoint, and so does failing without a success for longer than configured.
 *
 * <p>Each attempt runs whole on a {@code webhook-sender} thread: describing the endpoint, resolving its host (checked
 * and pinned by {@link WebhookHttp}), the exchange, bounded by one deadline, and recording the outcome, which sends
 * commands. None of it runs on the scheduler's one thread or on the common fork-join pool, which the EventStoreDB
 * client needs to complete every append (docs/concurrency.md). The lanes bound attempts in flight to the pool's size.
 */
@Component
class DeliverySender implements DisposableBean {
    static final String COMPONENT = "webhook-sender";
    private static final String BLOCKED = "resolves to an internal address, which is not allowed";
    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final CommandGateway commands;
    private final RetrySchedule retries;
    private final EndpointHealth health;
    private final TargetUrlPolicy targets;
    private final WebhookProperties properties;
    private final Clock clock;
    private final ExecutorService pool;
    private final WebhookHttp http;
    private final MeterRegistry meters;

    DeliverySender(
            CommandGateway commands,
            RetrySchedule retries,
            EndpointHealth health,
            TargetUrlPolicy targets,
            WebhookProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.meters = meters;
        this.commands = commands;
        this.retries = retries;
        this.health = health;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
        // The lanes allow at most maxInFlight attempts at once, so no attempt waits in this pool's queue for long.
        this.pool = Executors.newFixedThreadPool(properties.maxInFlight(), daemon("webhook-sender"));
        this.http = new WebhookHttp(targets, properties.timeout(), properties.maxInFlight());
    }

    /**
     * Starts an attempt on the sender's own threads: nothing of it, the host's look-up included, runs on the caller's.
     * Completes with what the attempt says about the endpoint's load.
     */
    CompletableFuture<AttemptResult> attempt(ScheduledDelivery delivery) {
        return CompletableFuture.supplyAsync(() -> attemptNow(delivery), pool);
    }

    private AttemptResult attemptNow(ScheduledDelivery delivery) {
        Instant now = clock.instant();
        MetaData context = EventContext.system(delivery.spaceId(), COMPONENT);
        WebhookTarget target;
        try {
            target = commands.sendAndWait(new DescribeWebhookEndpoint(delivery.webhookId(), now), context);
        } catch (AggregateNotFoundException e) {
            target = null;
        }
        if (target == null || !target.receivesDeliveries()) {
            send(new ExhaustDelivery(delivery.deliveryId(), "The endpoint is disabled or deleted"), context);
            return AttemptResult.OTHER;
        }
        Optional<String> refusal = targets.refusalBeforeLookup(target.url());
        if (refusal.isPresent()) {
            record(delivery, UUID.randomUUID(), now, null, "blocked_address", 0, "URL " + refusal.get(), false);
            return AttemptResult.OTHER;
        }
        UUID requestId = UUID.randomUUID();
        long started = System.nanoTime();
        try {
            WebhookHttp.Answer answer =
                    http.post(URI.create(target.url()), headers(delivery, target, now), delivery.payload());
            record(
                    delivery,
                    requestId,
                    now,
                    answer.status(),
                    null,
                    millisSince(started),
                    answer.bodyPrefix(),
                    answer.status() == 410);
            return AttemptResult.ofStatus(answer.status());
        } catch (WebhookHttp.NoAnswer failure) {
            String detail = failure.errorClass().equals("blocked_address") ? "URL " + BLOCKED : null;
            record(delivery, requestId, now, null, failure.errorClass(), millisSince(started), detail, false);
            return AttemptResult.ofError(failure.errorClass());
        }
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private Map<String, String> headers(ScheduledDelivery delivery, WebhookTarget target, Instant now) {
        String id = delivery.deliveryId().toString();
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "Ledgerloop-Webhooks/1");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put(
                "webhook-signature", WebhookSignatures.standard(target.secrets(), id, timestamp, delivery.payload()));
        headers.put(
                "X-Hiloop-Signature", WebhookSignatures.hiloop(target.secrets().get(0), delivery.payload()));
        if (target.authToken() != null) {
            headers.put("Authorization", "Bearer " + target.authToken());
        }
        return headers;
    }

    private void record(
            ScheduledDelivery delivery,
            UUID requestId,
            Instant attemptedAt,
            Integer status,
            String error,
            long latencyMillis,
            String bodyPrefix,
            boolean gone) {
        MetaData context = EventContext.system(delivery.spaceId(), COMPONENT);
        int attempt = delivery.nextAttempt();
        boolean succeeded = status != null && status >= 200 && status < 300;
        Timer.builder("ledgerloop.webhook.attempts")
                .description("Webhook delivery attempts, by outcome: the HTTP exchange's duration")
                .tag(
                        "outcome",
                        succeeded
                                ? "delivered"
                                : status != null ? "status_" + (status / 100) + "xx" : String.valueOf(error))
                .publishPercentiles(0.5, 0.99)
                .register(meters)
                .record(latencyMillis, TimeUnit.MILLISECONDS);
        Instant now = clock.instant();
        Instant nextAttemptAt = null;
        String finalReason = null;
        if (succeeded) {
            health.succeeded(delivery.webhookId());
        } else {
            Duration failing = health.failed(delivery.webhookId(), now);
            if (gone) {
                finalReason = "The endpoint answered 410 Gone";
                send(new DisableWebhookEndpoint(delivery.webhookId(), "The endpoint answered 410 Gone"), context);
            } else if (failing.compareTo(properties.disableAfter()) >= 0) {
                finalReason = "The endpoint has failed for " + failing.toHours() + " hours and was disabled";
                send(
                        new DisableWebhookEndpoint(
                                delivery.webhookId(),
                                "Failing without a success since " + MillisTimestamps.format(now.minus(failing))),
                        context);
            } else if (delivery.manual()) {
                finalReason = "The manual retry failed";
            } else {
                nextAttemptAt = retries.nextAttemptAfter(attempt, now);
                finalReason = nextAttemptAt == null ? "The retry schedule is exhausted" : null;
            }
        }
        send(
                new RecordAttempt(
                        delivery.deliveryId(),
                        attempt,
                        requestId,
                        attemptedAt,
                        status,
                        error,
                        latencyMillis,
                        bodyPrefix,
                        nextAttemptAt,
                        finalReason),
                context);
    }

    private void send(Object command, MetaData context) {
        try {
            commands.sendAndWait(command, context);
        } catch (ConcurrencyException e) {
            // Another instance recorded it meanwhile; the claim expires and the schedule decides again.
            log.debug("Concurrent change while recording {}", command.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
        try {
            http.close();
        } catch (IOException e) {
            log.debug("Closing the webhook HTTP client failed", e);
        }
    }
}
