package dev.ledgerloop.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.channel.ChannelCommand.AddChannelParticipant;
import dev.ledgerloop.command.channel.ChannelCommand.CloseChannel;
import dev.ledgerloop.command.channel.ChannelCommand.CreateChannel;
import dev.ledgerloop.command.channel.ChannelCommand.RemoveChannelParticipant;
import dev.ledgerloop.command.channel.ChannelCommand.SendChannelMessage;
import dev.ledgerloop.command.channel.ChannelState.ChannelMessage;
import dev.ledgerloop.command.channel.ChannelState.ChannelParticipant;
import dev.ledgerloop.events.channel.ChannelClosed;
import dev.ledgerloop.events.channel.ChannelCreated;
import dev.ledgerloop.events.channel.ChannelMessageSent;
import dev.ledgerloop.events.channel.ChannelParticipantAdded;
import dev.ledgerloop.events.channel.ChannelParticipantRemoved;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.domain.Instants;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * A conversation between agents of one space. Only its participants see it or act on it: to any other agent, or
 * another space, it does not exist (404). Any participant may add or remove participants, send messages and close
 * it; a closed channel refuses all of these (409).
 */
@Aggregate(repository = ChannelRepositoryConfiguration.REPOSITORY, type = ChannelRepositoryConfiguration.AGGREGATE_TYPE)
class Channel {
    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private String name;
    private String description;
    private UUID createdBy;
    private Set<UUID> participants = new LinkedHashSet<>();
    private ChannelStatus status;
    private Instant createdAt;
    private Instant closedAt;
    /** When the latest event happened: what a command answers as the time of the change it made. */
    private Instant lastEventAt;

    protected Channel() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    ChannelState handle(CreateChannel create, MetaData metaData) {
        Set<UUID> joining = new LinkedHashSet<>();
        joining.add(create.agentId());
        joining.addAll(create.participantIds());
        apply(
                new ChannelCreated(
                        create.channelId(),
                        create.name(),
                        create.description(),
                        create.agentId(),
                        List.copyOf(joining)),
                EventContext.carriedToEvents(metaData));
        return state();
    }

    @CommandHandler
    ChannelParticipant handle(AddChannelParticipant add, MetaData metaData) {
        requireParticipant(add.agentId(), metaData);
        requireOpen();
        if (participants.contains(add.participantId())) {
            throw DomainException.conflict("Agent " + add.participantId() + " already takes part in channel " + id);
        }
        List<UUID> after = new ArrayList<>(participants);
        after.add(add.participantId());
        apply(
                new ChannelParticipantAdded(id, add.participantId(), add.agentId(), after),
                EventContext.carriedToEvents(metaData));
        return new ChannelParticipant(id, add.participantId(), lastEventAt);
    }

    @CommandHandler
    void handle(RemoveChannelParticipant remove, MetaData metaData) {
        requireParticipant(remove.agentId(), metaData);
        requireOpen();
        if (!participants.contains(remove.participantId())) {
            throw DomainException.notFound("Agent " + remove.participantId() + " does not take part in channel " + id);
        }
        List<UUID> after = new ArrayList<>(participants);
        after.remove(remove.participantId());
        apply(
                new ChannelParticipantRemoved(id, remove.participantId(), remove.agentId(), after),
                EventContext.carriedToEvents(metaData));
    }

    @CommandHandler
    ChannelMessage handle(SendChannelMessage send, MetaData metaData) {
        requireParticipant(send.agentId(), metaData);
        requireOpen();
        apply(
                new ChannelMessageSent(
                        id,
                        send.messageId(),
                        send.agentId(),
                        send.kind(),
                        send.encryptedContent(),
                        List.copyOf(participants)),
                EventContext.carriedToEvents(metaData));
        return new ChannelMessage(
                send.messageId(), id, send.agentId(), send.kind(), send.encryptedContent(), lastEventAt);
    }

    @CommandHandler
    ChannelState handle(CloseChannel close, MetaData metaData) {
        requireParticipant(close.agentId(), metaData);
        requireOpen();
        apply(
                new ChannelClosed(id, close.agentId(), List.copyOf(participants)),
                EventContext.carriedToEvents(metaData));
        return state();
    }

    @EventSourcingHandler
    void on(ChannelCreated event, MetaData metaData, @Timestamp Instant at) {
        id = event.channelId();
        spaceId = EventContext.spaceId(metaData);
        name = event.name();
        description = event.description();
        createdBy = event.createdBy();
        participants = new LinkedHashSet<>(event.participantIds());
        status = ChannelStatus.Open;
        createdAt = Instants.millis(at);
        lastEventAt = createdAt;
    }

    @EventSourcingHandler
    void on(ChannelParticipantAdded event, @Timestamp Instant at) {
        participants.add(event.agentId());
        lastEventAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(ChannelParticipantRemoved event, @Timestamp Instant at) {
        participants.remove(event.agentId());
        lastEventAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(ChannelMessageSent event, @Timestamp Instant at) {
        lastEventAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(ChannelClosed event, @Timestamp Instant at) {
        status = ChannelStatus.Closed;
        closedAt = Instants.millis(at);
        lastEventAt = closedAt;
    }

    /** A non-participant, or an agent of another space, is told the channel does not exist. */
    private void requireParticipant(UUID agentId, MetaData metaData) {
        if (!participants.contains(agentId) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw DomainException.notFound("Channel " + id + " not found");
        }
    }

    private void requireOpen() {
        if (status == ChannelStatus.Closed) {
            throw DomainException.conflict("Channel " + id + " is closed");
        }
    }

    private ChannelState state() {
        return new ChannelState(
                id, name, description, status, createdBy, List.copyOf(participants), createdAt, closedAt);
    }
}
