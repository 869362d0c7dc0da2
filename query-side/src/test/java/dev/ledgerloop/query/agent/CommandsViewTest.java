package dev.ledgerloop.query.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.agent.CommandsRegistered;
import dev.ledgerloop.events.agent.RegisteredCommand;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.events.EventContext;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code commands} view: the agent's latest registration wins, whatever order events are applied in again. */
class CommandsViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final Principal THE_AGENT = Principal.agent(SPACE, AGENT, "default", "key-1");

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void the_latest_registration_is_listed_and_replays_change_nothing(Supplier<MongoDatabase> server) throws Exception {
        MongoDatabase database = server.get();
        CommandsProjection projection = new CommandsProjection(database);
        CommandsQueryController controller = new CommandsQueryController(database);
        RegisteredCommand deploy = new RegisteredCommand(
                "deploy", "Deploy", JSON.readTree("{\"$defs\":{\"a.b\":{}},\"type\":\"object\"}"));
        RegisteredCommand ping = new RegisteredCommand("ping", null, JSON.readTree("{}"));
        CommandsRegistered first = new CommandsRegistered(AGENT, List.of(deploy, ping));
        CommandsRegistered second = new CommandsRegistered(AGENT, List.of(ping));

        assertThat(controller.list(THE_AGENT)).isEmpty();
        projection.on(first, EventContext.of(THE_AGENT), 0);
        assertThat(controller.list(THE_AGENT))
                .containsExactly(
                        new CommandView("deploy", "Deploy", deploy.parameters()),
                        new CommandView("ping", null, ping.parameters()));
        projection.on(second, EventContext.of(THE_AGENT), 1);
        projection.on(first, EventContext.of(THE_AGENT), 0);
        assertThat(controller.list(THE_AGENT)).containsExactly(new CommandView("ping", null, ping.parameters()));
        assertThat(controller.list(Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1")))
                .isEmpty();
    }
}
