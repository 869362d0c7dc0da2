package dev.ledgerloop.command.invocation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.command.invocation.InvocationCommand.CancelInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.CompleteInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.FailInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.RequestInvocation;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.domain.Instants;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A human invoking an agent's registered command. The invoked agent finishes it once, by completing or
 * failing it; the human who invoked may cancel it while it is pending. To any other agent, or another space, it does
 * not exist.
 */
@Aggregate(repository = InvocationRepositoryConfiguration.REPOSITORY)
class Invocation {
    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private UUID agentId;
    private String command;
    private EncryptedEnvelope encryptedArguments;
    private JsonNode arguments;
    private String requestedBy;
    private InvocationStatus status;
    private EncryptedEnvelope encryptedResult;
    private String error;
    private Instant createdAt;
    private Instant completedAt;

    protected Invocation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    InvocationState handle(RequestInvocation request, MetaData metaData) {
        apply(
                new InvocationRequested(
                        request.invocationId(),
                        request.agentId(),
                        request.command(),
                        request.encryptedArguments(),
                        request.arguments(),
                        request.requestedBy()),
                EventContext.carriedToEvents(metaData));
        return state();
    }

    @CommandHandler
    InvocationState handle(CompleteInvocation completion, MetaData metaData) {
        requireInvokedAgent(completion.agentId(), metaData);
        requirePending();
        apply(new InvocationCompleted(id, completion.encryptedResult()), EventContext.carriedToEvents(metaData));
        return state();
    }

    @CommandHandler
    InvocationState handle(FailInvocation failure, MetaData metaData) {
        requireInvokedAgent(failure.agentId(), metaData);
        requirePending();
        apply(new InvocationFailed(id, failure.error()), EventContext.carriedToEvents(metaData));
        return state();
    }

    @CommandHandler
    InvocationState handle(CancelInvocation cancellation, MetaData metaData) {
        if (!requestedBy.equals(cancellation.userId()) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw notFound();
        }
        requirePending();
        apply(new InvocationCancelled(id, cancellation.userId()), EventContext.carriedToEvents(metaData));
        return state();
    }

    @EventSourcingHandler
    void on(InvocationRequested event, MetaData metaData, @Timestamp Instant at) {
        id = event.invocationId();
        spaceId = EventContext.spaceId(metaData);
        agentId = event.agentId();
        command = event.command();
        encryptedArguments = event.encryptedArguments();
        arguments = event.arguments();
        requestedBy = event.requestedBy();
        status = InvocationStatus.Pending;
        createdAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InvocationCompleted event, @Timestamp Instant at) {
        status = InvocationStatus.Completed;
        encryptedResult = event.encryptedResult();
        completedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InvocationFailed event, @Timestamp Instant at) {
        status = InvocationStatus.Failed;
        error = event.error();
        completedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InvocationCancelled event, @Timestamp Instant at) {
        status = InvocationStatus.Cancelled;
        completedAt = Instants.millis(at);
    }

    private void requireInvokedAgent(UUID actingAgent, MetaData metaData) {
        if (!agentId.equals(actingAgent) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw notFound();
        }
    }

    private void requirePending() {
        if (status != InvocationStatus.Pending) {
            throw DomainException.conflict("Invocation " + id + " is already " + status);
        }
    }

    private DomainException notFound() {
        return DomainException.notFound("Invocation " + id + " not found");
    }

    private InvocationState state() {
        return new InvocationState(
                id,
                agentId,
                command,
                encryptedArguments,
                arguments,
                status,
                requestedBy,
                encryptedResult,
                error,
                createdAt,
                completedAt);
    }
}
