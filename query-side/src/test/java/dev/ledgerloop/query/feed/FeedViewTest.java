package dev.ledgerloop.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.TestMessages;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The human feed: who may answer follows participant changes, in event order, and replays change nothing. */
class FeedViewTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final MetaData CONTEXT = EventContext.of(Principal.agent(SPACE, AGENT, "default", "key-1"));
    private static final Instant T0 = Instant.parse("2026-03-25T10:30:00.000Z");

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void the_feed_follows_participants_and_forgets_what_no_longer_waits(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        FeedProjection projection = new FeedProjection(database);
        FeedQueryController feed = new FeedQueryController(database);
        UUID session = UUID.randomUUID();
        MessageSent urgent = TestMessages.fromAgent(session, AGENT, true, Priority.Urgent);
        MessageSent low = TestMessages.fromAgent(session, AGENT, true, Priority.Low);

        projection.on(new ParticipantAdded(session, "ann", ParticipantRole.member), 1);
        projection.on(new ParticipantAdded(session, "vic", ParticipantRole.viewer), 2);
        projection.on(low, CONTEXT, 3, T0);
        projection.on(urgent, CONTEXT, 4, T0.plusSeconds(1));
        projection.on(new ParticipantAdded(session, "bea", ParticipantRole.guest), 5);
        projection.on(new ParticipantRoleChanged(session, "ann", ParticipantRole.viewer), 6);
        // A replay from an older token delivers these again.
        projection.on(new ParticipantAdded(session, "ann", ParticipantRole.member), 1);
        projection.on(low, CONTEXT, 3, T0);

        assertThat(ids(feed, "ann")).isEmpty();
        assertThat(ids(feed, "vic")).isEmpty();
        assertThat(ids(feed, "bea"))
                .containsExactly(urgent.messageId().toString(), low.messageId().toString());

        projection.on(new InteractionCancelled(session, urgent.messageId()));
        assertThat(ids(feed, "bea")).containsExactly(low.messageId().toString());
        assertThat(feed.feed(Principal.human(UUID.randomUUID(), "bea"), null, null)
                        .total())
                .isZero();
    }

    private static List<String> ids(FeedQueryController feed, String user) {
        return feed.feed(Principal.human(SPACE, user), null, null).data().stream()
                .map(FeedQueryController.FeedItem::id)
                .toList();
    }
}
