package dev.ledgerloop.events.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.EventTypes;
import dev.ledgerloop.events.agent.AgentEvent;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every agent and invocation event has a stored type under its record's name. */
class CommandEventTypesTest {

    @Test
    void every_agent_and_invocation_event_has_a_stored_type() {
        Stream.concat(
                        Arrays.stream(AgentEvent.class.getPermittedSubclasses()),
                        Arrays.stream(InvocationEvent.class.getPermittedSubclasses()))
                .forEach(recordClass -> assertThat(EventTypes.named(recordClass.getSimpleName()))
                        .hasValueSatisfying(
                                type -> assertThat(type.recordClass()).isEqualTo(recordClass)));
    }
}
