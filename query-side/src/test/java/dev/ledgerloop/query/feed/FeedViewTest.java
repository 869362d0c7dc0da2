package dev.ledgerloop.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRemoved;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.TestMessages;
import dev.ledgerloop.query.ViewBatches;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
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

    /**
     * A batch looks each session up once (SessionsSeen) and keeps what it wrote: every batch size, participants
     * changing between a session's messages in one batch, a shredded session, and batches delivered again over what
     * was written leave the documents the events leave one at a time.
     */
    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void batches_leave_the_documents_events_one_at_a_time_leave(Supplier<MongoDatabase> server) {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        MessageSent answered = waiting(first);
        MessageSent last = waiting(first);
        List<EventMessage<?>> log = List.of(
                event(first, 0, waiting(first)),
                event(first, 1, new ParticipantAdded(first, "ann", ParticipantRole.member)),
                event(second, 0, new ParticipantAdded(second, "bea", ParticipantRole.member)),
                event(first, 2, answered),
                event(second, 1, waiting(second)),
                event(first, 3, new ParticipantAdded(first, "vic", ParticipantRole.viewer)),
                event(first, 4, waiting(first)),
                event(third, 0, new ParticipantAdded(third, "cy", ParticipantRole.member)),
                event(first, 5, new ParticipantRoleChanged(first, "ann", ParticipantRole.viewer)),
                event(third, 1, waiting(third)),
                event(first, 6, waiting(first)),
                event(first, 7, new InteractionCancelled(first, answered.messageId())),
                event(third, 2, new SessionShredRequested(third, SPACE, AGENT.toString(), T0)),
                event(second, 2, new ParticipantRemoved(second, "bea")),
                event(third, 3, new ParticipantAdded(third, "dee", ParticipantRole.member)),
                event(second, 3, waiting(second)),
                event(second, 4, new ParticipantAdded(second, "eve", ParticipantRole.member)),
                event(first, 8, new ParticipantAdded(first, "ann", ParticipantRole.member)),
                event(first, 9, last),
                event(first, 10, new MessageEdited(first, last.messageId(), last.encryptedContent(), null)));
        List<String> expected = ViewBatches.assertBatchesLeaveWhatOneAtATimeLeaves(
                server, FeedProjection::new, log, FeedViewTest::documents);
        assertThat(expected).hasSize(9);
    }

    private static MessageSent waiting(UUID session) {
        return TestMessages.fromAgent(session, AGENT, true, Priority.Medium);
    }

    private static EventMessage<?> event(UUID session, long sequence, Object payload) {
        return TestMessages.sessionEvent(session, sequence, payload, CONTEXT, T0.plusSeconds(sequence));
    }

    /** Both collections' documents. */
    private static List<String> documents(MongoDatabase database) {
        List<String> documents = new ArrayList<>(ViewBatches.documents(database, FeedProjection.COLLECTION));
        documents.addAll(ViewBatches.documents(database, FeedProjection.SESSIONS));
        return documents;
    }

    private static List<String> ids(FeedQueryController feed, String user) {
        return feed.feed(Principal.human(SPACE, user), null, null).data().stream()
                .map(FeedQueryController.FeedItem::id)
                .toList();
    }
}
