package dev.ledgerloop.command.channel;

import static dev.ledgerloop.command.ResultMatchers.matching;

import dev.ledgerloop.command.channel.ChannelCommand.AddChannelParticipant;
import dev.ledgerloop.command.channel.ChannelCommand.CloseChannel;
import dev.ledgerloop.command.channel.ChannelCommand.CreateChannel;
import dev.ledgerloop.command.channel.ChannelCommand.RemoveChannelParticipant;
import dev.ledgerloop.command.channel.ChannelCommand.SendChannelMessage;
import dev.ledgerloop.command.channel.ChannelState.ChannelMessage;
import dev.ledgerloop.events.channel.ChannelClosed;
import dev.ledgerloop.events.channel.ChannelCreated;
import dev.ledgerloop.events.channel.ChannelMessageSent;
import dev.ledgerloop.events.channel.ChannelParticipantAdded;
import dev.ledgerloop.events.channel.ChannelParticipantRemoved;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Channel aggregate's rules, given past events, when a command, then events or an error. */
class ChannelTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID CREATOR = UUID.randomUUID();
    private static final UUID PEER = UUID.randomUUID();
    private static final UUID NEWCOMER = UUID.randomUUID();
    private static final UUID CHANNEL = UUID.randomUUID();
    private static final MetaData AS_THE_CREATOR = as(SPACE, CREATOR);
    private static final MetaData AS_THE_PEER = as(SPACE, PEER);
    private static final EncryptedEnvelope SEALED = new EncryptedEnvelope(
            EncryptedEnvelope.VERSION,
            EncryptedEnvelope.ALGORITHM,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            List.of(new Wrapping("agent-1", "AAAA", "AAAA")));

    private FixtureConfiguration<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
    }

    @Test
    void the_creator_takes_part_once_with_the_agents_it_named() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannel(CHANNEL, CREATOR, "ops", null, List.of(PEER, CREATOR)), AS_THE_CREATOR)
                .expectEvents(new ChannelCreated(CHANNEL, "ops", null, CREATOR, List.of(CREATOR, PEER)))
                .expectResultMessagePayloadMatching(matching(
                        ChannelState.class,
                        channel -> channel.status() == ChannelStatus.Open
                                && channel.participantIds().equals(List.of(CREATOR, PEER))
                                && channel.createdAt() != null
                                && channel.closedAt() == null));
    }

    @Test
    void a_participant_sends_and_every_event_names_the_participants_after_it() {
        UUID message = UUID.randomUUID();
        fixture.given(created())
                .when(new SendChannelMessage(CHANNEL, PEER, message, "text", SEALED), AS_THE_PEER)
                .expectEvents(new ChannelMessageSent(CHANNEL, message, PEER, "text", SEALED, List.of(CREATOR, PEER)))
                .expectResultMessagePayloadMatching(
                        matching(ChannelMessage.class, sent -> sent.id().equals(message) && sent.createdAt() != null));
        fixture.given(created())
                .when(new AddChannelParticipant(CHANNEL, PEER, NEWCOMER), AS_THE_PEER)
                .expectEvents(new ChannelParticipantAdded(CHANNEL, NEWCOMER, PEER, List.of(CREATOR, PEER, NEWCOMER)));
        fixture.given(created())
                .when(new RemoveChannelParticipant(CHANNEL, PEER, PEER), AS_THE_PEER)
                .expectEvents(new ChannelParticipantRemoved(CHANNEL, PEER, PEER, List.of(CREATOR)));
    }

    @Test
    void a_non_participant_or_another_space_does_not_find_it() {
        for (MetaData stranger : List.of(as(SPACE, NEWCOMER), as(UUID.randomUUID(), PEER))) {
            UUID agent = NEWCOMER;
            fixture.given(created())
                    .when(new SendChannelMessage(CHANNEL, agent, UUID.randomUUID(), "text", SEALED), stranger)
                    .expectNoEvents()
                    .expectExceptionMessage("Channel " + CHANNEL + " not found");
        }
        fixture.given(created())
                .when(new CloseChannel(CHANNEL, PEER), as(UUID.randomUUID(), PEER))
                .expectNoEvents()
                .expectExceptionMessage("Channel " + CHANNEL + " not found");
        fixture.given(created(), removed(PEER))
                .when(new SendChannelMessage(CHANNEL, PEER, UUID.randomUUID(), "text", SEALED), AS_THE_PEER)
                .expectNoEvents()
                .expectExceptionMessage("Channel " + CHANNEL + " not found");
    }

    @Test
    void a_closed_channel_takes_nothing_more() {
        fixture.given(created())
                .when(new CloseChannel(CHANNEL, PEER), AS_THE_PEER)
                .expectEvents(new ChannelClosed(CHANNEL, PEER, List.of(CREATOR, PEER)))
                .expectResultMessagePayloadMatching(matching(
                        ChannelState.class,
                        channel -> channel.status() == ChannelStatus.Closed && channel.closedAt() != null));
        for (Object command : List.of(
                new CloseChannel(CHANNEL, CREATOR),
                new SendChannelMessage(CHANNEL, CREATOR, UUID.randomUUID(), "text", SEALED),
                new AddChannelParticipant(CHANNEL, CREATOR, NEWCOMER),
                new RemoveChannelParticipant(CHANNEL, CREATOR, PEER))) {
            fixture.given(created(), closed())
                    .when(command, AS_THE_CREATOR)
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Channel " + CHANNEL + " is closed");
        }
    }

    @Test
    void a_participant_is_added_once_and_only_a_participant_is_removed() {
        fixture.given(created())
                .when(new AddChannelParticipant(CHANNEL, CREATOR, PEER), AS_THE_CREATOR)
                .expectNoEvents()
                .expectExceptionMessage("Agent " + PEER + " already takes part in channel " + CHANNEL);
        fixture.given(created())
                .when(new RemoveChannelParticipant(CHANNEL, CREATOR, NEWCOMER), AS_THE_CREATOR)
                .expectNoEvents()
                .expectExceptionMessage("Agent " + NEWCOMER + " does not take part in channel " + CHANNEL);
    }

    private static MetaData as(UUID space, UUID agent) {
        return EventContext.of(Principal.agent(space, agent, "agent-" + agent, "key"));
    }

    private static Object created() {
        return GenericEventMessage.asEventMessage(
                        new ChannelCreated(CHANNEL, "ops", null, CREATOR, List.of(CREATOR, PEER)))
                .andMetaData(AS_THE_CREATOR);
    }

    private static Object removed(UUID agent) {
        return GenericEventMessage.asEventMessage(
                        new ChannelParticipantRemoved(CHANNEL, agent, CREATOR, List.of(CREATOR)))
                .andMetaData(AS_THE_CREATOR);
    }

    private static Object closed() {
        return GenericEventMessage.asEventMessage(new ChannelClosed(CHANNEL, CREATOR, List.of(CREATOR, PEER)))
                .andMetaData(AS_THE_CREATOR);
    }
}
