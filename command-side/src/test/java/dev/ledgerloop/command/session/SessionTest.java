package dev.ledgerloop.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Session aggregate's rules, given past events, when a command, then events or an error. */
class SessionTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final UUID SESSION = UUID.randomUUID();
    private static final MetaData AS_THE_AGENT = EventContext.of(Principal.agent(SPACE, AGENT, "default", "key-1"));
    private static final EncryptedEnvelope CONTENT = new EncryptedEnvelope(
            EncryptedEnvelope.VERSION,
            EncryptedEnvelope.ALGORITHM,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            List.of(new Wrapping("human-1", "AAAA", "AAAA")));

    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
    }

    @Test
    void an_agent_opens_a_session() {
        fixture.givenNoPriorActivity()
                .when(new OpenSession(SESSION, AGENT, CONTENT, true, 5), AS_THE_AGENT)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionOpened(SESSION, AGENT, CONTENT, true, 5))
                .expectResultMessagePayloadMatching(matching(
                        SessionResource.class,
                        session -> session.status() == SessionStatus.Active
                                && session.agentId().equals(AGENT)
                                && session.maxGuests() == 5));
    }

    @Test
    void a_message_to_an_active_session_is_sent_by_its_agent() {
        UUID message = UUID.randomUUID();
        fixture.given(opened())
                .when(
                        new SendMessage(SESSION, AGENT, message, CONTENT, null, true, Priority.High, null, "r"),
                        AS_THE_AGENT)
                .expectEvents(new MessageSent(
                        SESSION, message, SenderType.Agent, AGENT, null, CONTENT, null, true, Priority.High, null, "r"))
                .expectResultMessagePayloadMatching(
                        matching(MessageResource.class, sent -> sent.status().equals("Pending")));
    }

    @Test
    void a_closed_session_refuses_messages() {
        fixture.given(opened(), inSpace(new SessionClosed(SESSION)))
                .when(
                        new SendMessage(
                                SESSION, AGENT, UUID.randomUUID(), CONTENT, null, false, Priority.Low, null, null),
                        AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
    }

    @Test
    void a_session_is_closed_once() {
        fixture.given(opened())
                .when(new CloseSession(SESSION, AGENT), AS_THE_AGENT)
                .expectEvents(new SessionClosed(SESSION));
        fixture.given(opened(), inSpace(new SessionClosed(SESSION)))
                .when(new CloseSession(SESSION, AGENT), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
    }

    @Test
    void another_agent_does_not_find_the_session() {
        UUID stranger = UUID.randomUUID();
        fixture.given(opened())
                .when(
                        new CloseSession(SESSION, stranger),
                        EventContext.of(Principal.agent(SPACE, stranger, "other", "key-2")))
                .expectNoEvents()
                .expectException(SessionNotFoundException.class);
    }

    @Test
    void the_same_agent_id_in_another_space_does_not_find_the_session() {
        fixture.given(opened())
                .when(
                        new SendMessage(
                                SESSION,
                                AGENT,
                                UUID.randomUUID(),
                                CONTENT,
                                null,
                                false,
                                Priority.Medium,
                                Instant.now(),
                                null),
                        EventContext.of(Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1")))
                .expectNoEvents()
                .expectException(SessionNotFoundException.class);
    }

    private static Object opened() {
        return inSpace(new SessionOpened(SESSION, AGENT, null, false, null));
    }

    private static Object inSpace(Object event) {
        return GenericEventMessage.asEventMessage(event).andMetaData(AS_THE_AGENT);
    }

    private static <T> org.hamcrest.Matcher<T> matching(Class<T> type, java.util.function.Predicate<T> check) {
        return new org.hamcrest.TypeSafeMatcher<>(type) {
            @Override
            protected boolean matchesSafely(T item) {
                return check.test(item);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a " + type.getSimpleName() + " as expected");
            }
        };
    }

    @Test
    void the_fixture_reads_the_space_from_event_metadata() {
        assertThat(EventContext.spaceId(AS_THE_AGENT)).isEqualTo(SPACE);
    }
}
