package dev.ledgerloop.command.delivery;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.command.delivery.DeliveryCommand.ExhaustDelivery;
import dev.ledgerloop.command.delivery.DeliveryCommand.RecordAttempt;
import dev.ledgerloop.command.delivery.DeliveryCommand.RetryDelivery;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.crypto.StreamShreddedException;
import dev.ledgerloop.events.delivery.DeliveryAttempted;
import dev.ledgerloop.events.delivery.DeliveryCreated;
import dev.ledgerloop.events.delivery.DeliveryExhausted;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.delivery.DeliveryRetriedManually;
import dev.ledgerloop.events.delivery.DeliverySeals;
import dev.ledgerloop.events.delivery.DeliverySucceeded;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One event delivered to one endpoint: every attempt and its outcome is an event on {@code
 * delivery-<id>}. An attempt reported twice (a sender restarted after sending) is recorded once.
 */
@Aggregate(
        repository = DeliveryRepositoryConfiguration.REPOSITORY,
        type = DeliveryRepositoryConfiguration.AGGREGATE_TYPE)
class Delivery {
    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private UUID webhookId;
    private UUID agentId;
    private UUID sessionId;
    private int attempts;
    private DeliveryStatus status;

    protected Delivery() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(CreateDelivery command, MetaData metaData) {
        apply(
                new DeliveryCreated(
                        command.deliveryId(),
                        command.webhookId(),
                        command.agentId(),
                        command.eventId(),
                        command.type(),
                        command.payload(),
                        command.sessionId(),
                        command.sealedPayload()),
                EventContext.carriedToEvents(metaData));
    }

    /** True if recorded; false if this attempt was recorded already or the delivery is done. */
    @CommandHandler
    boolean handle(RecordAttempt command, MetaData metaData, SessionSeals seals) {
        if (command.attempt() != attempts + 1 || status == DeliveryStatus.Succeeded) {
            return false;
        }
        MetaData context = EventContext.carriedToEvents(metaData);
        apply(new DeliveryAttempted(id, command.attempt(), command.requestId(), command.attemptedAt()), context);
        if (command.succeeded()) {
            apply(
                    new DeliverySucceeded(
                            id, webhookId, agentId, command.attempt(), command.status(), command.latencyMillis()),
                    context);
            return true;
        }
        apply(failed(command, seals), context);
        if (command.nextAttemptAt() == null) {
            apply(new DeliveryExhausted(id, webhookId, agentId, command.finalReason()), context);
        }
        return true;
    }

    /**
     * A receiver may echo the body in its answer, so the answer to a delivery about a session is sealed under the
     * session's key like the body; after the session's shredding it is not kept at all.
     */
    private DeliveryFailed failed(RecordAttempt command, SessionSeals seals) {
        String answer = command.responseBodyPrefix();
        SessionSealed sealed = null;
        if (sessionId != null && answer != null) {
            try {
                sealed = seals.seal(spaceId, sessionId, DeliverySeals.responseBodyPrefixAt(id), answer);
            } catch (StreamShreddedException shredded) {
                // Nothing about a shredded session is kept.
            }
            answer = null;
        }
        return new DeliveryFailed(
                id,
                webhookId,
                agentId,
                command.attempt(),
                command.status(),
                command.error(),
                command.latencyMillis(),
                answer,
                command.nextAttemptAt(),
                sessionId,
                sealed);
    }

    @CommandHandler
    void handle(ExhaustDelivery command, MetaData metaData) {
        if (status == DeliveryStatus.Pending || status == DeliveryStatus.Failed) {
            apply(
                    new DeliveryExhausted(id, webhookId, agentId, command.reason()),
                    EventContext.carriedToEvents(metaData));
        }
    }

    @CommandHandler
    void handle(RetryDelivery command, MetaData metaData) {
        if (!spaceId.equals(EventContext.spaceId(metaData))
                || (command.agentId() != null && !command.agentId().equals(agentId))) {
            throw DomainException.notFound("Delivery " + id + " not found");
        }
        if (status == DeliveryStatus.Succeeded) {
            throw DomainException.conflict("Delivery " + id + " has succeeded already");
        }
        if (status != DeliveryStatus.Exhausted) {
            throw DomainException.conflict("Delivery " + id + " has attempts still scheduled");
        }
        apply(new DeliveryRetriedManually(id, webhookId), EventContext.carriedToEvents(metaData));
    }

    @EventSourcingHandler
    void on(DeliveryCreated event, MetaData metaData) {
        id = event.deliveryId();
        spaceId = EventContext.spaceId(metaData);
        webhookId = event.webhookId();
        agentId = event.agentId();
        sessionId = event.sessionId();
        status = DeliveryStatus.Pending;
    }

    @EventSourcingHandler
    void on(DeliveryAttempted event) {
        attempts = event.attempt();
    }

    @EventSourcingHandler
    void on(DeliverySucceeded event) {
        status = DeliveryStatus.Succeeded;
    }

    @EventSourcingHandler
    void on(DeliveryFailed event) {
        status = DeliveryStatus.Failed;
    }

    @EventSourcingHandler
    void on(DeliveryExhausted event) {
        status = DeliveryStatus.Exhausted;
    }

    @EventSourcingHandler
    void on(DeliveryRetriedManually event) {
        status = DeliveryStatus.Pending;
    }
}
