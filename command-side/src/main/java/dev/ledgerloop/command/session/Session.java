package dev.ledgerloop.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * A conversation between an agent and humans (DESIGN §3). It belongs to the agent that opened it, in that agent's
 * space: to anyone else it does not exist. A closed session refuses messages.
 *
 * <p>Command handlers decide and apply; event sourcing handlers only set state. Events are applied with the
 * command's {@link EventContext} so that the space is in their metadata both now and when the stream is replayed.
 */
@Aggregate(repository = SessionRepositoryConfiguration.REPOSITORY)
class Session {
    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private UUID agentId;
    private SessionStatus status;
    private boolean isPublic;
    private Integer maxGuests;
    private EncryptedEnvelope encryptedTitle;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastMessageAt;

    protected Session() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    SessionResource handle(OpenSession command, MetaData metaData) {
        apply(
                new SessionOpened(
                        command.sessionId(),
                        command.agentId(),
                        command.encryptedTitle(),
                        command.isPublic(),
                        command.maxGuests()),
                context(metaData));
        return resource();
    }

    @CommandHandler
    MessageResource handle(SendMessage command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        if (status != SessionStatus.Active) {
            throw new SessionRefusedException("Session " + id + " is " + status + " and accepts no messages");
        }
        MessageSent sent = new MessageSent(
                id,
                command.messageId(),
                SenderType.Agent,
                command.agentId(),
                null,
                command.encryptedContent(),
                command.encryptedComponents(),
                command.responseRequired(),
                command.priority(),
                command.deadlineAt(),
                command.referenceId());
        apply(sent, context(metaData));
        return MessageResource.of(sent, lastMessageAt);
    }

    @CommandHandler
    SessionResource handle(CloseSession command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        if (status != SessionStatus.Active) {
            throw new SessionRefusedException("Session " + id + " is already " + status);
        }
        apply(new SessionClosed(id), context(metaData));
        return resource();
    }

    @EventSourcingHandler
    void on(SessionOpened event, MetaData metaData, @Timestamp Instant at) {
        id = event.sessionId();
        spaceId = EventContext.spaceId(metaData);
        agentId = event.agentId();
        status = SessionStatus.Active;
        isPublic = event.isPublic();
        maxGuests = event.maxGuests();
        encryptedTitle = event.encryptedTitle();
        createdAt = millis(at);
        updatedAt = createdAt;
    }

    @EventSourcingHandler
    void on(MessageSent event, @Timestamp Instant at) {
        lastMessageAt = millis(at);
        updatedAt = lastMessageAt;
    }

    @EventSourcingHandler
    void on(SessionClosed event, @Timestamp Instant at) {
        status = SessionStatus.Closed;
        updatedAt = millis(at);
    }

    /** Another agent's or another space's session answers as if it did not exist (API.md §Authentication). */
    private void requireOwnedBy(UUID actingAgent, MetaData metaData) {
        if (!agentId.equals(actingAgent) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw new SessionNotFoundException(id);
        }
    }

    private SessionResource resource() {
        return new SessionResource(
                id, status, isPublic, maxGuests, encryptedTitle, agentId, createdAt, updatedAt, lastMessageAt);
    }

    private static MetaData context(MetaData commandMetaData) {
        return commandMetaData.subset(EventContext.SPACE_ID, EventContext.ACTOR_ID, EventContext.ACTOR_KIND);
    }

    private static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }
}
