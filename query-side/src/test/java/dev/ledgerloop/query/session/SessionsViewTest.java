package dev.ledgerloop.query.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SessionArchived;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.TestMessages;
import dev.ledgerloop.query.ViewBatches;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code sessions} view: built idempotently from session events, read only by the session's own agent. */
class SessionsViewTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final Principal THE_AGENT = Principal.agent(SPACE, AGENT, "default", "key-1");
    private static final MetaData CONTEXT = EventContext.of(THE_AGENT);
    private static final Instant T0 = Instant.parse("2026-03-25T10:30:00.123Z");

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void events_applied_twice_or_out_of_date_change_nothing(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        SessionsProjection projection = new SessionsProjection(database);
        UUID session = UUID.randomUUID();
        SessionOpened opened = new SessionOpened(session, AGENT, null, true, 2);
        MessageSent sent = TestMessages.fromAgent(session, AGENT, false, Priority.Medium);

        projection.on(opened, CONTEXT, 0, T0);
        projection.on(sent, 1, T0.plusSeconds(1));
        projection.on(new SessionClosed(session), 2, T0.plusSeconds(2));
        // A replay from an older token delivers the same events again.
        projection.on(opened, CONTEXT, 0, T0.plusSeconds(9));
        projection.on(sent, 1, T0.plusSeconds(9));

        SessionView view = new SessionReader(database).get(THE_AGENT, session);
        assertThat(view.status()).isEqualTo("Closed");
        assertThat(view.isPublic()).isTrue();
        assertThat(view.maxGuests()).isEqualTo(2);
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.lastMessageAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void an_agent_lists_its_own_sessions_newest_first_page_by_page(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        SessionsProjection projection = new SessionsProjection(database);
        for (int i = 0; i < 5; i++) {
            projection.on(
                    new SessionOpened(UUID.randomUUID(), AGENT, null, i % 2 == 0, null),
                    CONTEXT,
                    0,
                    T0.plus(i, ChronoUnit.MINUTES));
        }
        UUID otherAgent = UUID.randomUUID();
        UUID strangers = UUID.randomUUID();
        projection.on(
                new SessionOpened(strangers, otherAgent, null, true, null),
                EventContext.of(Principal.agent(SPACE, otherAgent, "other", "key-2")),
                0,
                T0);

        SessionReader reader = new SessionReader(database);
        var second = reader.list(THE_AGENT, null, null, new PageRequest(2, 2));
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.data())
                .extracting(SessionView::createdAt)
                .containsExactly(T0.plus(2, ChronoUnit.MINUTES), T0.plus(1, ChronoUnit.MINUTES));
        assertThat(reader.list(THE_AGENT, null, true, new PageRequest(1, 20)).total())
                .isEqualTo(3);
        assertThat(reader.list(THE_AGENT, "Closed", null, new PageRequest(1, 20))
                        .data())
                .isEmpty();

        assertThatThrownBy(() -> reader.get(THE_AGENT, strangers)).isInstanceOf(ApiException.class);
        Principal sameIdOtherSpace = Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1");
        assertThat(reader.list(sameIdOtherSpace, null, null, new PageRequest(1, 20))
                        .data())
                .isEmpty();
    }

    /**
     * A batch writes only the last message of each session (LastMessages), and any other event of that session after
     * it writes it first: every batch size, and batches delivered again over what was written, leave the documents the
     * events leave one at a time.
     */
    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void batches_leave_the_documents_events_one_at_a_time_leave(Supplier<MongoDatabase> server) {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        List<EventMessage<?>> log = List.of(
                event(first, 0, new SessionOpened(first, AGENT, null, false, null)),
                event(first, 1, sent(first)),
                event(second, 0, new SessionOpened(second, AGENT, null, true, 3)),
                event(first, 2, sent(first)),
                event(second, 1, sent(second)),
                event(first, 3, sent(first)),
                event(first, 4, new SessionClosed(first)),
                event(second, 2, sent(second)),
                event(third, 0, new SessionOpened(third, AGENT, null, false, null)),
                event(first, 5, sent(first)),
                event(third, 1, sent(third)),
                event(second, 3, sent(second)),
                event(first, 6, new SessionArchived(first)),
                event(third, 2, sent(third)),
                shredding(third, new SessionShredRequested(third, SPACE, AGENT.toString(), T0)),
                event(third, 3, sent(third)),
                event(second, 4, sent(second)),
                event(second, 5, new SessionClosed(second)));
        List<String> expected = ViewBatches.assertBatchesLeaveWhatOneAtATimeLeaves(
                server, SessionsProjection::new, log, SessionsViewTest::documents);
        assertThat(expected).hasSize(3);
    }

    private static MessageSent sent(UUID session) {
        return TestMessages.fromAgent(session, AGENT, false, Priority.Medium);
    }

    /** Each event one second after the one before it in the log, so a document shows which event wrote it last. */
    private static EventMessage<?> event(UUID session, long sequence, Object payload) {
        return TestMessages.sessionEvent(session, sequence, payload, CONTEXT, next());
    }

    private static EventMessage<?> shredding(UUID session, Object payload) {
        return new GenericDomainEventMessage<>(
                "Shredding",
                session.toString(),
                0,
                payload,
                CONTEXT,
                UUID.randomUUID().toString(),
                next());
    }

    private static int clock;

    private static Instant next() {
        return T0.plusSeconds(++clock);
    }

    private static List<String> documents(MongoDatabase database) {
        return ViewBatches.documents(database, SessionsProjection.COLLECTION);
    }
}
