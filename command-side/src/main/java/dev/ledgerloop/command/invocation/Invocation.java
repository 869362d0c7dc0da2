package dev.ledgerloop.command.invocation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.command.invocation.InvocationCommand.CancelInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.CompleteInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.ExpireInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.FailInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.RequestInvocation;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationContent;
import dev.ledgerloop.events.invocation.InvocationExpired;
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
 *
 * <p>The content of an invocation made in a session (arguments, result, error) is sealed under the session's key
 * ({@link InvocationContent}): once the session is shredded it reads as null, and nothing more can be sealed for it, so
 * completing or failing answers 409.
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
    private UUID sessionId;
    private SessionSealed sealedArguments;
    private SessionSealed sealedResult;
    private SessionSealed sealedError;
    private InvocationStatus status;
    private EncryptedEnvelope encryptedResult;
    private String error;
    private Instant createdAt;
    private Instant completedAt;
    private Instant expiresAt;

    protected Invocation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    InvocationState handle(RequestInvocation request, MetaData metaData, SessionSeals seals) {
        InvocationRequested requested;
        if (request.sessionId() == null) {
            requested = new InvocationRequested(
                    request.invocationId(),
                    request.agentId(),
                    request.command(),
                    request.encryptedArguments(),
                    request.arguments(),
                    request.requestedBy(),
                    null,
                    null,
                    request.expiresAt());
        } else {
            requested = new InvocationRequested(
                    request.invocationId(),
                    request.agentId(),
                    request.command(),
                    null,
                    null,
                    request.requestedBy(),
                    request.sessionId(),
                    InvocationContent.sealArguments(
                            seals,
                            EventContext.spaceId(metaData),
                            request.sessionId(),
                            request.invocationId(),
                            new InvocationContent.Arguments(request.encryptedArguments(), request.arguments())),
                    request.expiresAt());
        }
        apply(requested, EventContext.carriedToEvents(metaData));
        return state(seals);
    }

    @CommandHandler
    InvocationState handle(CompleteInvocation completion, MetaData metaData, SessionSeals seals) {
        requireInvokedAgent(completion.agentId(), metaData);
        requirePending();
        apply(
                sessionId == null
                        ? new InvocationCompleted(id, completion.encryptedResult())
                        : new InvocationCompleted(
                                id,
                                null,
                                InvocationContent.sealResult(
                                        seals, spaceId, sessionId, id, completion.encryptedResult())),
                EventContext.carriedToEvents(metaData));
        return state(seals);
    }

    @CommandHandler
    InvocationState handle(FailInvocation failure, MetaData metaData, SessionSeals seals) {
        requireInvokedAgent(failure.agentId(), metaData);
        requirePending();
        apply(
                sessionId == null
                        ? new InvocationFailed(id, failure.error())
                        : new InvocationFailed(
                                id, null, InvocationContent.sealError(seals, spaceId, sessionId, id, failure.error())),
                EventContext.carriedToEvents(metaData));
        return state(seals);
    }

    @CommandHandler
    InvocationState handle(CancelInvocation cancellation, MetaData metaData, SessionSeals seals) {
        if (!requestedBy.equals(cancellation.userId()) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw notFound();
        }
        requirePending();
        apply(new InvocationCancelled(id, cancellation.userId()), EventContext.carriedToEvents(metaData));
        return state(seals);
    }

    @CommandHandler
    InvocationState handle(ExpireInvocation expiry, MetaData metaData, SessionSeals seals) {
        if (status == InvocationStatus.Pending && expiresAt != null) {
            apply(new InvocationExpired(id), EventContext.carriedToEvents(metaData));
        }
        return state(seals);
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
        sessionId = event.sessionId();
        sealedArguments = event.sealedArguments();
        status = InvocationStatus.Pending;
        createdAt = Instants.millis(at);
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(InvocationCompleted event, @Timestamp Instant at) {
        status = InvocationStatus.Completed;
        encryptedResult = event.encryptedResult();
        sealedResult = event.sealedResult();
        completedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InvocationFailed event, @Timestamp Instant at) {
        status = InvocationStatus.Failed;
        error = event.error();
        sealedError = event.sealedError();
        completedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InvocationCancelled event, @Timestamp Instant at) {
        status = InvocationStatus.Cancelled;
        completedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InvocationExpired event, @Timestamp Instant at) {
        status = InvocationStatus.Expired;
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

    /** The invocation as commands answer it; sealed content is opened, and reads as null once erased. */
    private InvocationState state(SessionSeals seals) {
        if (sessionId == null) {
            return state(encryptedArguments, arguments, encryptedResult, error);
        }
        InvocationContent.Arguments opened = sealedArguments == null
                ? null
                : InvocationContent.openArguments(seals, spaceId, sessionId, id, sealedArguments)
                        .orElse(null);
        return state(
                opened == null ? null : opened.encryptedArguments(),
                opened == null ? null : opened.arguments(),
                sealedResult == null
                        ? null
                        : InvocationContent.openResult(seals, spaceId, sessionId, id, sealedResult)
                                .orElse(null),
                sealedError == null
                        ? null
                        : InvocationContent.openError(seals, spaceId, sessionId, id, sealedError)
                                .orElse(null));
    }

    private InvocationState state(
            EncryptedEnvelope encryptedArguments, JsonNode arguments, EncryptedEnvelope encryptedResult, String error) {
        return new InvocationState(
                id,
                agentId,
                sessionId,
                command,
                encryptedArguments,
                arguments,
                status,
                requestedBy,
                encryptedResult,
                error,
                createdAt,
                completedAt,
                expiresAt);
    }
}
