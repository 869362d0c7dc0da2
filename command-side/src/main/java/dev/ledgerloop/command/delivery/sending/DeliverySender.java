package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.delivery.DeliveryCommand.ExhaustDelivery;
import dev.ledgerloop.command.delivery.DeliveryCommand.RecordAttempt;
import dev.ledgerloop.command.webhook.TargetUrlPolicy;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DescribeWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DisableWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookProperties;
import dev.ledgerloop.command.webhook.WebhookTarget;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.web.ApiTimestamps;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
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
 * without following redirects, and records the attempt and its outcome on the delivery's stream. A 2xx in time is
 * success; anything else is retried on the {@link RetrySchedule}. {@code 410 Gone} disables the endpoint, and so does
 * failing without a success for longer than configured. The HTTP client is asynchronous on a small shared pool: no
 * thread waits for an endpoint.
 *
 * <p>Recording an attempt sends commands, which wait for aggregate locks and for appends; it runs on its own
 * {@code webhook-recorder} threads, never on the thread that completed the HTTP exchange. The JDK's client completes
 * {@code sendAsync} on the common fork-join pool, and the EventStoreDB client needs that pool to complete every
 * append: blocking it with command handling stalled every write (docs/concurrency.md).
 */
@Component
class DeliverySender implements DisposableBean {
    static final String COMPONENT = "webhook-sender";
    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final CommandGateway commands;
    private final RetrySchedule retries;
    private final EndpointHealth health;
    private final TargetUrlPolicy targets;
    private final WebhookProperties properties;
    private final Clock clock;
    private final ExecutorService pool;
    private final ExecutorService recorder;
    private final HttpClient http;

    DeliverySender(
            CommandGateway commands,
            RetrySchedule retries,
            EndpointHealth health,
            TargetUrlPolicy targets,
            WebhookProperties properties,
            Clock clock) {
        this.commands = commands;
        this.retries = retries;
        this.health = health;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(4, daemon("webhook-sender"));
        this.recorder = Executors.newFixedThreadPool(2, daemon("webhook-recorder"));
        this.http = HttpClient.newBuilder()
                .executor(pool)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    CompletableFuture<Void> attempt(ScheduledDelivery delivery) {
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
            return CompletableFuture.completedFuture(null);
        }
        Optional<String> refusal = targets.refusal(target.url());
        if (refusal.isPresent()) {
            record(delivery, UUID.randomUUID(), now, null, "blocked_address", 0, "URL " + refusal.get(), false);
            return CompletableFuture.completedFuture(null);
        }
        UUID requestId = UUID.randomUUID();
        HttpRequest request = request(delivery, target, now);
        long started = System.nanoTime();
        return http.sendAsync(request, ResponsePrefix.handler())
                .handleAsync(
                        (response, failure) -> {
                            long latency = Duration.ofNanos(System.nanoTime() - started)
                                    .toMillis();
                            if (failure == null) {
                                boolean gone = response.statusCode() == 410;
                                record(
                                        delivery,
                                        requestId,
                                        now,
                                        response.statusCode(),
                                        null,
                                        latency,
                                        response.body(),
                                        gone);
                            } else {
                                record(delivery, requestId, now, null, errorClass(failure), latency, null, false);
                            }
                            return null;
                        },
                        recorder);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private HttpRequest request(ScheduledDelivery delivery, WebhookTarget target, Instant now) {
        String id = delivery.deliveryId().toString();
        long timestamp = now.getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Ledgerloop-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSignatures.standard(target.secrets(), id, timestamp, delivery.payload()))
                .header(
                        "X-Hiloop-Signature",
                        WebhookSignatures.hiloop(target.secrets().get(0), delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()));
        if (target.authToken() != null) {
            request.header("Authorization", "Bearer " + target.authToken());
        }
        return request.build();
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
                                "Failing without a success since " + ApiTimestamps.format(now.minus(failing))),
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

    static String errorClass(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect_timeout";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "connect";
        }
        if (cause instanceof IOException) {
            return "io";
        }
        return "error";
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
        recorder.shutdownNow();
    }
}
