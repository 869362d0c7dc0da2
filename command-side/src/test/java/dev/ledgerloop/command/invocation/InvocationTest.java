package dev.ledgerloop.command.invocation;

import static dev.ledgerloop.command.ResultMatchers.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.command.NoSessionKeys;
import dev.ledgerloop.command.invocation.InvocationCommand.CancelInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.CompleteInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.FailInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.RequestInvocation;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
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

/** The Invocation aggregate's rules, given past events, when a command, then events or an error. */
class InvocationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final UUID INVOCATION = UUID.randomUUID();
    private static final String USER = "user-1";
    private static final MetaData AS_THE_AGENT = EventContext.of(Principal.agent(SPACE, AGENT, "default", "key-1"));
    private static final MetaData AS_THE_HUMAN = EventContext.of(Principal.human(SPACE, USER));
    private static final EncryptedEnvelope SEALED = new EncryptedEnvelope(
            EncryptedEnvelope.VERSION,
            EncryptedEnvelope.ALGORITHM,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            List.of(new Wrapping("agent-1", "AAAA", "AAAA")));
    private static final JsonNode ARGUMENTS = json("{\"service\":\"api\",\"version\":\"1.2\"}");

    private FixtureConfiguration<Invocation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Invocation.class);
        fixture.registerInjectableResource(NoSessionKeys.seals());
    }

    @Test
    void a_human_invokes_a_command_and_it_is_pending() {
        fixture.givenNoPriorActivity()
                .when(new RequestInvocation(INVOCATION, AGENT, "deploy", SEALED, ARGUMENTS, USER), AS_THE_HUMAN)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new InvocationRequested(INVOCATION, AGENT, "deploy", SEALED, ARGUMENTS, USER))
                .expectResultMessagePayloadMatching(matching(
                        InvocationState.class,
                        invocation -> invocation.status() == InvocationStatus.Pending
                                && invocation.requestedBy().equals(USER)
                                && invocation.arguments().equals(ARGUMENTS)
                                && invocation.createdAt() != null
                                && invocation.completedAt() == null));
    }

    @Test
    void the_invoked_agent_completes_it() {
        fixture.given(requested())
                .when(new CompleteInvocation(INVOCATION, AGENT, SEALED), AS_THE_AGENT)
                .expectEvents(new InvocationCompleted(INVOCATION, SEALED))
                .expectResultMessagePayloadMatching(matching(
                        InvocationState.class,
                        invocation -> invocation.status() == InvocationStatus.Completed
                                && SEALED.equals(invocation.encryptedResult())
                                && invocation.completedAt() != null));
    }

    @Test
    void the_invoked_agent_fails_it() {
        fixture.given(requested())
                .when(new FailInvocation(INVOCATION, AGENT, "service not found"), AS_THE_AGENT)
                .expectEvents(new InvocationFailed(INVOCATION, "service not found"))
                .expectResultMessagePayloadMatching(matching(
                        InvocationState.class,
                        invocation -> invocation.status() == InvocationStatus.Failed
                                && invocation.error().equals("service not found")));
    }

    @Test
    void a_finished_invocation_cannot_be_finished_again() {
        for (Object finished : List.of(
                inSpace(new InvocationCompleted(INVOCATION, SEALED)),
                inSpace(new InvocationFailed(INVOCATION, "no")),
                inSpace(new InvocationCancelled(INVOCATION, USER)))) {
            fixture.given(requested(), finished)
                    .when(new CompleteInvocation(INVOCATION, AGENT, SEALED), AS_THE_AGENT)
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectExceptionMessage(
                            org.hamcrest.Matchers.startsWith("Invocation " + INVOCATION + " is already"));
            fixture.given(requested(), finished)
                    .when(new FailInvocation(INVOCATION, AGENT, "again"), AS_THE_AGENT)
                    .expectNoEvents()
                    .expectException(DomainException.class);
            fixture.given(requested(), finished)
                    .when(new CancelInvocation(INVOCATION, USER), AS_THE_HUMAN)
                    .expectNoEvents()
                    .expectException(DomainException.class);
        }
    }

    @Test
    void the_human_who_invoked_cancels_it_while_pending() {
        fixture.given(requested())
                .when(new CancelInvocation(INVOCATION, USER), AS_THE_HUMAN)
                .expectEvents(new InvocationCancelled(INVOCATION, USER))
                .expectResultMessagePayloadMatching(matching(
                        InvocationState.class, invocation -> invocation.status() == InvocationStatus.Cancelled));
    }

    @Test
    void another_agent_does_not_find_it() {
        UUID stranger = UUID.randomUUID();
        fixture.given(requested())
                .when(
                        new CompleteInvocation(INVOCATION, stranger, SEALED),
                        EventContext.of(Principal.agent(SPACE, stranger, "other", "key-2")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("Invocation " + INVOCATION + " not found");
        fixture.given(requested())
                .when(
                        new FailInvocation(INVOCATION, stranger, "no"),
                        EventContext.of(Principal.agent(SPACE, stranger, "other", "key-2")))
                .expectNoEvents()
                .expectExceptionMessage("Invocation " + INVOCATION + " not found");
    }

    @Test
    void the_same_agent_id_in_another_space_does_not_find_it() {
        fixture.given(requested())
                .when(
                        new CompleteInvocation(INVOCATION, AGENT, SEALED),
                        EventContext.of(Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1")))
                .expectNoEvents()
                .expectExceptionMessage("Invocation " + INVOCATION + " not found");
    }

    @Test
    void another_human_does_not_find_it() {
        fixture.given(requested())
                .when(new CancelInvocation(INVOCATION, "user-2"), EventContext.of(Principal.human(SPACE, "user-2")))
                .expectNoEvents()
                .expectExceptionMessage("Invocation " + INVOCATION + " not found");
        fixture.given(requested())
                .when(new CancelInvocation(INVOCATION, USER), EventContext.of(Principal.human(UUID.randomUUID(), USER)))
                .expectNoEvents()
                .expectExceptionMessage("Invocation " + INVOCATION + " not found");
    }

    private static Object requested() {
        return GenericEventMessage.asEventMessage(
                        new InvocationRequested(INVOCATION, AGENT, "deploy", SEALED, ARGUMENTS, USER))
                .andMetaData(AS_THE_HUMAN);
    }

    private static Object inSpace(Object event) {
        return GenericEventMessage.asEventMessage(event).andMetaData(AS_THE_AGENT);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
