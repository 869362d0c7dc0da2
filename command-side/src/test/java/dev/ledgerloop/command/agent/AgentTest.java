package dev.ledgerloop.command.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.command.agent.AgentCommand.RegisterCommands;
import dev.ledgerloop.command.agent.AgentCommand.ValidateInvocation;
import dev.ledgerloop.events.agent.CommandsRegistered;
import dev.ledgerloop.events.agent.RegisteredCommand;
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
import org.junit.jupiter.api.Timeout;

/** The Agent aggregate's rules for registered commands, given past events, when a command, then events or an error. */
class AgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final MetaData AS_THE_AGENT = EventContext.of(Principal.agent(SPACE, AGENT, "default", "key-1"));
    private static final MetaData AS_A_HUMAN = EventContext.of(Principal.human(SPACE, "user-1"));
    private static final RegisteredCommand DEPLOY = new RegisteredCommand(
            "deploy",
            "Deploy a service to production",
            json("{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},"
                    + "\"version\":{\"type\":\"string\"}},\"required\":[\"service\",\"version\"]}"));
    private static final RegisteredCommand PING = new RegisteredCommand("ping", null, json("{\"type\":\"object\"}"));

    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
    }

    @Test
    void the_first_registration_creates_the_agent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCommands(AGENT, List.of(DEPLOY, PING)), AS_THE_AGENT)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CommandsRegistered(AGENT, List.of(DEPLOY, PING)))
                .expectResultMessagePayload(List.of(DEPLOY, PING));
    }

    @Test
    void a_registration_replaces_the_whole_set() {
        fixture.given(registered(DEPLOY, PING))
                .when(new RegisterCommands(AGENT, List.of(PING)), AS_THE_AGENT)
                .expectEvents(new CommandsRegistered(AGENT, List.of(PING)));
        fixture.given(registered(DEPLOY, PING), registered(PING))
                .when(new ValidateInvocation(AGENT, "deploy", null), AS_A_HUMAN)
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("Command 'deploy' is not registered by agent " + AGENT);
    }

    @Test
    void an_empty_set_removes_every_command() {
        fixture.given(registered(DEPLOY))
                .when(new RegisterCommands(AGENT, List.of()), AS_THE_AGENT)
                .expectEvents(new CommandsRegistered(AGENT, List.of()));
    }

    @Test
    void names_are_unique() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCommands(AGENT, List.of(PING, DEPLOY, PING)), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("Field '[2].name' repeats 'ping'; command names must be unique");
    }

    @Test
    void names_are_1_to_100_plain_characters() {
        for (String name : List.of("", "has space", "émoji", "a/b", "x".repeat(101))) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCommands(AGENT, List.of(command(name))), AS_THE_AGENT)
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectExceptionMessage(
                            "Field '[0].name' must be 1 to 100 characters of A-Z, a-z, 0-9, '_', '.' or '-'");
        }
        fixture.givenNoPriorActivity()
                .when(
                        new RegisterCommands(AGENT, List.of(command("Deploy_v2.1-rc"), command("x".repeat(100)))),
                        AS_THE_AGENT)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void each_schema_must_be_a_valid_json_schema() {
        for (String schema : List.of(
                "{\"type\":\"objekt\"}",
                "{\"type\":\"object\",\"required\":\"service\"}",
                "{\"properties\":{\"n\":{\"minimum\":\"one\"}}}",
                "{\"$ref\":\"https://example.com/remote.json\"}",
                "{\"$schema\":\"https://example.com/my-dialect\"}")) {
            fixture.givenNoPriorActivity()
                    .when(
                            new RegisterCommands(
                                    AGENT, List.of(PING, new RegisteredCommand("bad", null, json(schema)))),
                            AS_THE_AGENT)
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectExceptionMessage(
                            org.hamcrest.Matchers.startsWith("Field '[1].parameters' is not a valid JSON Schema: "));
        }
    }

    @Test
    void schemas_of_an_older_draft_are_checked_against_their_own_meta_schema() {
        RegisteredCommand draft7 = new RegisteredCommand(
                "tuple",
                null,
                json("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                        + "\"properties\":{\"pair\":{\"type\":\"array\",\"items\":[{\"type\":\"string\"},"
                        + "{\"type\":\"integer\"}]}}}"));
        fixture.givenNoPriorActivity()
                .when(new RegisterCommands(AGENT, List.of(draft7)), AS_THE_AGENT)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_agent_of_another_space_is_not_found() {
        fixture.given(registered(DEPLOY))
                .when(
                        new RegisterCommands(AGENT, List.of(PING)),
                        EventContext.of(Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("Agent " + AGENT + " not found");
        fixture.given(registered(DEPLOY))
                .when(
                        new ValidateInvocation(AGENT, "deploy", json("{\"service\":\"a\",\"version\":\"1\"}")),
                        EventContext.of(Principal.human(UUID.randomUUID(), "user-1")))
                .expectException(DomainException.class)
                .expectExceptionMessage("Agent " + AGENT + " not found");
    }

    @Test
    void arguments_satisfying_the_schema_are_accepted() {
        fixture.given(registered(DEPLOY))
                .when(
                        new ValidateInvocation(AGENT, "deploy", json("{\"service\":\"api\",\"version\":\"1.2\"}")),
                        AS_A_HUMAN)
                .expectNoEvents()
                .expectResultMessagePayload(DEPLOY);
    }

    @Test
    void arguments_breaking_the_schema_are_refused_naming_the_problem() {
        fixture.given(registered(DEPLOY))
                .when(new ValidateInvocation(AGENT, "deploy", json("{\"service\":\"api\",\"version\":2}")), AS_A_HUMAN)
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.startsWith(
                                "Field 'arguments' does not match the parameters of command 'deploy': "),
                        org.hamcrest.Matchers.containsString("version")));
        fixture.given(registered(DEPLOY))
                .when(new ValidateInvocation(AGENT, "deploy", json("{}")), AS_A_HUMAN)
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("service"));
    }

    @Test
    void encrypted_only_arguments_are_not_checked() {
        fixture.given(registered(DEPLOY))
                .when(new ValidateInvocation(AGENT, "deploy", null), AS_A_HUMAN)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_problem_message_names_the_field() {
        assertThat(CommandSchemas.violationsOf(DEPLOY.parameters(), json("{\"service\":1,\"version\":\"1\"}")))
                .singleElement()
                .asString()
                .contains("service");
    }

    @Test
    void a_schema_cannot_make_the_server_load_anything_but_the_bundled_meta_schemas() {
        assertThat(CommandSchemas.problemsOf(json("{\"$ref\":\"https://example.com/remote.json\"}")))
                .singleElement()
                .asString()
                .contains("is not allowed to be loaded");
        assertThat(CommandSchemas.problemsOf(json("{\"$ref\":\"classpath:application.yml\"}")))
                .singleElement()
                .asString()
                .contains("is not allowed to be loaded");
    }

    /** A hang guard: {@code java.util.regex} takes minutes on this pattern and argument; RE2/J microseconds. */
    @Test
    @Timeout(20)
    void a_pattern_that_backtracks_catastrophically_is_checked_in_linear_time() {
        JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\","
                + "\"pattern\":\"^(a+)+$\"}},\"patternProperties\":{\"^(x+x+)+y$\":{\"type\":\"string\"}}}");
        assertThat(CommandSchemas.problemsOf(schema)).isEmpty();
        String evil = "a".repeat(5_000) + "!";

        assertThat(CommandSchemas.violationsOf(schema, json("{\"name\":\"" + evil + "\"}")))
                .singleElement()
                .asString()
                .contains("name");
        assertThat(CommandSchemas.violationsOf(schema, json("{\"" + "x".repeat(5_000) + "\":\"v\"}")))
                .isEmpty();
        assertThat(CommandSchemas.violationsOf(schema, json("{\"name\":\"aaa\"}")))
                .isEmpty();
    }

    @Test
    void a_pattern_with_back_references_or_look_arounds_is_refused_at_registration() {
        for (String pattern : List.of("(a)\\\\1", "a(?=b)", "(?<!x)y")) {
            String schema = "{\"type\":\"string\",\"pattern\":\"" + pattern + "\"}";
            assertThat(CommandSchemas.problemsOf(json(schema)))
                    .as(schema)
                    .singleElement()
                    .asString()
                    .contains("is not supported");
        }
    }

    private static Object registered(RegisteredCommand... commands) {
        return GenericEventMessage.asEventMessage(new CommandsRegistered(AGENT, List.of(commands)))
                .andMetaData(AS_THE_AGENT);
    }

    private static RegisteredCommand command(String name) {
        return new RegisteredCommand(name, null, json("{}"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
