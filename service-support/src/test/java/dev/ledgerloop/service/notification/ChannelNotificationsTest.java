package dev.ledgerloop.service.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.channel.ChannelClosed;
import dev.ledgerloop.events.channel.ChannelParticipantAdded;
import dev.ledgerloop.events.channel.ChannelParticipantRemoved;
import dev.ledgerloop.service.events.EventContext;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** A channel's events concern its participants after them, and a removed agent its own removal. */
class ChannelNotificationsTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID CHANNEL = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID CAROL = UUID.randomUUID();
    private static final Notifications.Owners NO_OWNERS = new Notifications.Owners() {
        @Override
        public UUID agentOfSession(UUID sessionId) {
            return null;
        }

        @Override
        public Notifications.InvocationOwner ownerOfInvocation(UUID invocationId) {
            return null;
        }
    };

    private final Notifications notifications = new Notifications(null);

    @Test
    void a_channel_event_concerns_its_participants_and_no_one_else() {
        Notification added = notify(new ChannelParticipantAdded(CHANNEL, BOB, ALICE, List.of(ALICE, BOB)));
        assertThat(added.type()).isEqualTo("channel.participant.added");
        assertThat(added.agentId()).isEqualTo(ALICE);
        assertThat(added.sessionId()).isNull();
        assertThat(added.data())
                .containsEntry("channelId", CHANNEL)
                .containsEntry("participantId", BOB)
                .containsEntry("participantIds", List.of(ALICE, BOB));
        assertThat(added.concerns(ALICE)).isTrue();
        assertThat(added.concerns(BOB)).isTrue();
        assertThat(added.concerns(CAROL)).isFalse();
    }

    @Test
    void a_removed_agent_sees_its_removal_and_nothing_after() {
        Notification removed = notify(new ChannelParticipantRemoved(CHANNEL, BOB, ALICE, List.of(ALICE)));
        assertThat(removed.type()).isEqualTo("channel.participant.removed");
        assertThat(removed.concerns(BOB)).isTrue();
        assertThat(removed.data()).containsEntry("participantIds", List.of(ALICE));
        Notification closed = notify(new ChannelClosed(CHANNEL, ALICE, List.of(ALICE)));
        assertThat(closed.type()).isEqualTo("channel.closed");
        assertThat(closed.concerns(BOB)).isFalse();
        assertThat(closed.concerns(ALICE)).isTrue();
    }

    private Notification notify(Object event) {
        return notifications
                .of(
                        GenericEventMessage.asEventMessage(event).andMetaData(EventContext.system(SPACE, "test")),
                        NO_OWNERS)
                .orElseThrow();
    }
}
