package dev.ledgerloop.command.agent;

import dev.ledgerloop.command.agent.AgentCommand.RegisterAgent;
import dev.ledgerloop.events.agent.AgentRegistered;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering an agent: once, whoever asks how often. */
class AgentRegistrationTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final MetaData CONTEXT = EventContext.system(SPACE, "test");

    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
    }

    @Test
    void a_new_agent_is_registered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(AGENT, "deploy-bot", "Deploys"), CONTEXT)
                .expectEvents(new AgentRegistered(AGENT, "deploy-bot", "Deploys"));
    }

    @Test
    void a_registered_agent_is_not_registered_again() {
        fixture.given(GenericEventMessage.asEventMessage(new AgentRegistered(AGENT, "deploy-bot", null))
                        .andMetaData(CONTEXT))
                .when(new RegisterAgent(AGENT, "deploy-bot", "Deploys"), CONTEXT)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.<AgentState>predicate(
                        agent -> agent.name().equals("deploy-bot") && agent.description() == null));
    }
}
