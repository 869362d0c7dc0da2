package dev.ledgerloop.query.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.TestMessages;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
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
}
