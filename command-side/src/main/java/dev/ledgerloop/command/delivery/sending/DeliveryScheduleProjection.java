package dev.ledgerloop.command.delivery.sending;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import dev.ledgerloop.command.delivery.DeliveryStatus;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.delivery.DeliveryAttempted;
import dev.ledgerloop.events.delivery.DeliveryCreated;
import dev.ledgerloop.events.delivery.DeliveryExhausted;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.delivery.DeliveryRetriedManually;
import dev.ledgerloop.events.delivery.DeliverySeals;
import dev.ledgerloop.events.delivery.DeliverySucceeded;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.notification.NotificationPayloads;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/** Builds the {@link DeliverySchedule} from delivery events, idempotently, and wakes the scheduler. */
@Component
@ProcessingGroup(DeliveryScheduleProjection.GROUP)
class DeliveryScheduleProjection extends ParksUnreadableEvents {
    static final String GROUP = "delivery-schedule";

    private final DeliverySchedule schedule;
    private final DeliveryScheduler scheduler;
    private final SessionSeals seals;

    DeliveryScheduleProjection(DeliverySchedule schedule, DeliveryScheduler scheduler, SessionSeals seals) {
        this.schedule = schedule;
        this.scheduler = scheduler;
        this.seals = seals;
    }

    @EventHandler
    void on(DeliveryCreated event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        schedule.reschedule(
                event.deliveryId(),
                sequence,
                combine(
                        set("spaceId", EventContext.spaceId(metaData).toString()),
                        set("webhookId", event.webhookId().toString()),
                        set("payload", bodyOf(event, EventContext.spaceId(metaData), at)),
                        set(
                                "sessionId",
                                event.sessionId() == null
                                        ? null
                                        : event.sessionId().toString()),
                        set("status", DeliveryStatus.Pending.name()),
                        set("attempts", 0),
                        set("manual", false),
                        set("createdAt", Date.from(at)),
                        set(DeliverySchedule.NEXT_ATTEMPT_AT, Date.from(at))));
        scheduler.wake();
    }

    /**
     * A delivery about a shredded session sends no content: bodies not sent yet are erased, and so is the body of a
     * delivery created after the shredding (the dispatcher was behind).
     */
    @EventHandler
    void on(SessionShredRequested event) {
        schedule.eraseBodiesOf(event.sessionId(), NotificationPayloads::erased);
    }

    private String bodyOf(DeliveryCreated event, UUID spaceId, Instant at) {
        if (event.sealedPayload() != null) {
            Optional<String> body = seals.open(
                    spaceId, event.sessionId(), DeliverySeals.payloadAt(event.deliveryId()), event.sealedPayload());
            if (body.isPresent() && !schedule.isErased(event.sessionId())) {
                return body.get();
            }
            return body.map(opened -> NotificationPayloads.erased(opened, event.sessionId()))
                    .orElseGet(
                            () -> NotificationPayloads.erased(event.deliveryId(), event.type(), at, event.sessionId()));
        }
        if (event.sessionId() != null && schedule.isErased(event.sessionId())) {
            return NotificationPayloads.erased(event.payload(), event.sessionId());
        }
        return event.payload();
    }

    @EventHandler
    void on(DeliveryAttempted event, @SequenceNumber long sequence) {
        schedule.note(event.deliveryId(), sequence, set("attempts", event.attempt()));
    }

    @EventHandler
    void on(DeliverySucceeded event, @SequenceNumber long sequence) {
        schedule.reschedule(
                event.deliveryId(),
                sequence,
                combine(set("status", DeliveryStatus.Succeeded.name()), set(DeliverySchedule.NEXT_ATTEMPT_AT, null)));
    }

    @EventHandler
    void on(DeliveryFailed event, @SequenceNumber long sequence) {
        schedule.reschedule(
                event.deliveryId(),
                sequence,
                combine(
                        set("status", DeliveryStatus.Failed.name()),
                        set(
                                DeliverySchedule.NEXT_ATTEMPT_AT,
                                event.nextAttemptAt() == null ? null : Date.from(event.nextAttemptAt()))));
        scheduler.wake();
    }

    @EventHandler
    void on(DeliveryExhausted event, @SequenceNumber long sequence) {
        schedule.reschedule(
                event.deliveryId(),
                sequence,
                combine(set("status", DeliveryStatus.Exhausted.name()), set(DeliverySchedule.NEXT_ATTEMPT_AT, null)));
    }

    @EventHandler
    void on(DeliveryRetriedManually event, @SequenceNumber long sequence, @Timestamp Instant at) {
        schedule.reschedule(
                event.deliveryId(),
                sequence,
                combine(
                        set("status", DeliveryStatus.Pending.name()),
                        set("manual", true),
                        set(DeliverySchedule.NEXT_ATTEMPT_AT, Date.from(at))));
        scheduler.wake();
    }
}
