package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.webhook.WebhookProperties;
import dev.ledgerloop.service.schedule.DueWorkLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts the attempts that are due: one thread that sleeps until the next due time or until woken (a new delivery,
 * a failed attempt, a free lane), claims due deliveries and hands them to the sender, never more than the lanes
 * allow. Sending itself is asynchronous, so the thread never waits for an endpoint.
 */
@Component
class DeliveryScheduler extends DueWorkLoop {
    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);
    private static final int BATCH = 100;
    /** An upper bound on sleeping, so that claims left by a stopped instance are picked up without a wake-up. */
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);

    private final DeliverySchedule schedule;
    private final DeliveryLanes lanes;
    private final DeliverySender sender;
    private final Clock clock;
    private final Duration claimFor;

    DeliveryScheduler(
            DeliverySchedule schedule,
            DeliveryLanes lanes,
            @Lazy DeliverySender sender,
            Clock clock,
            WebhookProperties properties) {
        super("delivery-scheduler");
        this.schedule = schedule;
        this.lanes = lanes;
        this.sender = sender;
        this.clock = clock;
        // Longer than any attempt takes, so only a stopped instance's claim expires.
        this.claimFor = properties.timeout().multipliedBy(2).plusSeconds(1);
    }

    @Override
    protected Duration runDueWork() {
        startDueAttempts();
        Instant now = clock.instant();
        return schedule.nextDueAfter(now)
                .map(due -> Duration.between(now, due))
                .filter(untilDue -> untilDue.compareTo(MAX_SLEEP) < 0)
                .orElse(MAX_SLEEP);
    }

    @Override
    protected Duration retryAfterFailure() {
        return MAX_SLEEP;
    }

    private void startDueAttempts() {
        boolean more = true;
        while (more && running()) {
            // No more than the lanes can take now: each wake-up (one per finished attempt) reads only those.
            int limit = Math.min(BATCH, lanes.free());
            if (limit == 0) {
                return;
            }
            Instant now = clock.instant();
            List<Document> due = schedule.due(now, lanes.busyEndpoints(), limit);
            more = due.size() == limit;
            for (Document delivery : due) {
                UUID webhookId = UUID.fromString(delivery.getString("webhookId"));
                Optional<DeliveryLanes.Lane> lane = lanes.tryAcquire(webhookId);
                if (lane.isEmpty()) {
                    continue;
                }
                Optional<ScheduledDelivery> claimed;
                CompletableFuture<AttemptResult> attempt;
                try {
                    claimed = schedule.claim(delivery, now, claimFor);
                    if (claimed.isEmpty()) {
                        lane.get().release(AttemptResult.OTHER);
                        continue;
                    }
                    attempt = sender.attempt(claimed.get());
                } catch (RuntimeException e) {
                    // A claim written before the failure expires and the schedule decides again; the lane must not
                    // stay taken.
                    lane.get().release(AttemptResult.OTHER);
                    log.warn("Attempt of delivery {} could not start", delivery.get("_id"), e);
                    continue;
                }
                attempt.whenComplete((result, failure) -> {
                    lane.get().release(failure == null ? result : AttemptResult.OTHER);
                    if (failure != null) {
                        log.warn(
                                "Attempt of delivery {} failed to complete",
                                claimed.get().deliveryId(),
                                failure);
                    }
                    wake();
                });
            }
        }
    }
}
