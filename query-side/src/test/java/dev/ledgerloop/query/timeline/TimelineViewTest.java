package dev.ledgerloop.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.TestMessages;
import dev.ledgerloop.query.ViewBatches;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.session.SessionsViewFixture;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code timeline} view: one item per message or lifecycle change, in event order, built idempotently. */
class TimelineViewTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final Principal THE_AGENT = Principal.agent(SPACE, AGENT, "default", "key-1");
    private static final MetaData CONTEXT = EventContext.of(THE_AGENT);
    private static final Instant T0 = Instant.parse("2026-03-25T10:30:00.000Z");

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void items_come_in_event_order_once_each_and_scroll_back_by_cursor(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        UUID session = UUID.randomUUID();
        SessionsViewFixture.opened(database, session, THE_AGENT);
        TimelineProjection projection = new TimelineProjection(database, new ResponseWaiters(), null);
        List<MessageSent> messages = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            MessageSent sent = TestMessages.fromAgent(session, AGENT, false, Priority.Medium);
            messages.add(sent);
            projection.on(sent, CONTEXT, i, T0.plusSeconds(i));
        }
        projection.on(
                new SessionClosed(session),
                new GenericDomainEventMessage<>(
                        "Session",
                        session.toString(),
                        6,
                        new SessionClosed(session),
                        CONTEXT,
                        UUID.randomUUID().toString(),
                        T0.plusSeconds(6)));
        // Replayed: nothing doubles.
        projection.on(messages.get(2), CONTEXT, 3, T0.plusSeconds(60));

        TimelineReader timeline = new TimelineReader(database);
        Page<?> all = (Page<?>) timeline.read(session, null, null, null, null);
        assertThat(all.total()).isEqualTo(6);
        assertThat(all.data()).hasSize(6);
        assertThat(((TimelineItems.MessageItem) all.data().get(0)).id())
                .isEqualTo(messages.get(0).messageId().toString());
        assertThat(((TimelineItems.SystemItem) all.data().get(5)).event()).isEqualTo("session.closed");

        TimelineReader.Scroll latest = (TimelineReader.Scroll) timeline.read(session, null, null, "2", null);
        assertThat(latest.hasMore()).isTrue();
        assertThat(latest.data()).hasSize(2);
        String oldestShown = ((TimelineItems.MessageItem) latest.data().get(0)).id();
        assertThat(oldestShown).isEqualTo(messages.get(4).messageId().toString());

        TimelineReader.Scroll earlier = (TimelineReader.Scroll) timeline.read(session, null, null, "10", oldestShown);
        assertThat(earlier.hasMore()).isFalse();
        assertThat(earlier.data())
                .extracting(item -> ((TimelineItems.MessageItem) item).id())
                .containsExactly(
                        messages.get(0).messageId().toString(),
                        messages.get(1).messageId().toString(),
                        messages.get(2).messageId().toString(),
                        messages.get(3).messageId().toString());

        Principal stranger = Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1");
        assertThatThrownBy(() -> SessionsViewFixture.reader(database).get(stranger, session))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("not found");
    }

    /**
     * A batch inserts its messages together (PendingInserts), before any update of a message and at its end: every
     * batch size, messages edited, answered, deleted or expired in the batch that sent them, and batches delivered
     * again over what was written, leave the documents the events leave one at a time.
     */
    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void batches_leave_the_documents_events_one_at_a_time_leave(Supplier<MongoDatabase> server) {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        MessageSent asked = TestMessages.fromAgent(first, AGENT, true, Priority.High);
        MessageSent edited = TestMessages.fromAgent(first, AGENT, false, Priority.Low);
        MessageSent deleted = TestMessages.fromAgent(second, AGENT, false, Priority.Medium);
        MessageSent expiring = TestMessages.fromAgent(second, AGENT, true, Priority.Medium);
        EncryptedEnvelope changed =
                new EncryptedEnvelope(1, EncryptedEnvelope.ALGORITHM, "BBBB", List.of(new Wrapping("k", "BB", "BB")));
        List<EventMessage<?>> log = List.of(
                event(first, 0, new ParticipantAdded(first, "ann", ParticipantRole.member)),
                event(first, 1, asked),
                event(second, 0, deleted),
                event(first, 2, edited),
                event(first, 3, new MessageEdited(first, edited.messageId(), changed, null)),
                event(second, 1, expiring),
                event(
                        first,
                        4,
                        new ResponseSubmitted(first, asked.messageId(), UUID.randomUUID(), "ann", changed, null)),
                event(second, 2, new MessageDeleted(second, deleted.messageId())),
                event(first, 5, TestMessages.fromAgent(first, AGENT, true, Priority.Low)),
                event(second, 3, new MessageExpired(second, expiring.messageId())),
                event(first, 6, new SessionClosed(first)),
                event(second, 4, TestMessages.fromAgent(second, AGENT, false, Priority.Urgent)));
        List<String> expected = ViewBatches.assertBatchesLeaveWhatOneAtATimeLeaves(
                server,
                TimelineViewTest::projection,
                log,
                database -> ViewBatches.documents(database, TimelineProjection.COLLECTION));
        assertThat(expected).hasSize(9);
    }

    private static TimelineProjection projection(MongoDatabase database) {
        return new TimelineProjection(database, new ResponseWaiters(), null);
    }

    private static EventMessage<?> event(UUID session, long sequence, Object payload) {
        return TestMessages.sessionEvent(session, sequence, payload, CONTEXT, T0.plusSeconds(sequence));
    }
}
