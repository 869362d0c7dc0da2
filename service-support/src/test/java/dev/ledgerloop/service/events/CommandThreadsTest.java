package dev.ledgerloop.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.junit.jupiter.api.Test;

/** The command bus refuses to handle a command on a thread of the common fork-join pool (docs/concurrency.md). */
class CommandThreadsTest {
    record Probe(String name) {}

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();

    CommandThreadsTest() {
        CommandThreads.guard(bus);
        bus.subscribe(Probe.class.getName(), command -> "handled");
    }

    @Test
    void a_command_sent_on_a_common_pool_thread_fails_without_reaching_its_handler() throws Exception {
        CommandResultMessage<?> result =
                ForkJoinPool.commonPool().submit(this::send).get(10, TimeUnit.SECONDS);

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("common fork-join pool")
                .hasMessageEndingWith("handling Probe");
    }

    @Test
    void a_command_sent_on_any_other_thread_is_handled() throws Exception {
        CommandResultMessage<?> result = send();

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).isEqualTo("handled");
    }

    private CommandResultMessage<?> send() throws Exception {
        FutureCallback<Probe, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(new Probe("probe")), callback);
        return callback.get(10, TimeUnit.SECONDS);
    }
}
