package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ReadStreamOptions;
import dev.ledgerloop.eventstore.fixtures.ProxiedEventStoreNode;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A call that EventStoreDB does not answer by its deadline fails as unavailable, which callers retry or answer 503. */
class ClientCallsDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);

    @RegisterExtension
    static final ProxiedEventStoreNode node = new ProxiedEventStoreNode();

    private final ClientCalls calls = new ClientCalls(node.client(), DEADLINE);

    @Test
    void a_read_the_node_never_answers_fails_as_unavailable_once_the_wait_for_it_ends() {
        String stream = "silent-" + UUID.randomUUID();
        node.proxy().silenceStreams();

        // db-client-java 5.4 sends no deadline with a read: only the bounded wait ends it.
        assertThatThrownBy(
                        () -> calls.readStream(stream, ReadStreamOptions.get().fromStart(), "reading " + stream))
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageContaining("reading " + stream)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void an_append_the_node_never_answers_fails_as_unavailable_with_the_grpc_deadline_as_its_cause() {
        String stream = "silent-" + UUID.randomUUID();
        node.proxy().silenceStreams();

        assertThatThrownBy(() -> calls.append(
                        stream, AppendToStreamOptions.get(), List.of(event()).iterator()))
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageContaining("appending to " + stream)
                .satisfies(failure -> assertThat(EventStoreUnavailableException.isDeadlineExceeded(failure.getCause()))
                        .as("ended by the call's deadline, not by the wait for it: %s", failure.getCause())
                        .isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEADLINE_EXCEEDED", "UNAVAILABLE"})
    void a_read_the_node_refuses_with_a_deadline_or_unavailability_fails_as_unavailable(String code) {
        String stream = "refused-" + UUID.randomUUID();
        node.proxy().refuseStreams(Status.fromCode(Status.Code.valueOf(code)));

        assertThatThrownBy(
                        () -> calls.readStream(stream, ReadStreamOptions.get().fromStart(), "reading " + stream))
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageContaining("reading " + stream);
    }

    @Test
    void calls_succeed_again_once_the_node_answers() {
        String stream = "answered-" + UUID.randomUUID();
        node.proxy().silenceStreams();
        assertThatThrownBy(() -> calls.append(
                        stream, AppendToStreamOptions.get(), List.of(event()).iterator()))
                .isInstanceOf(EventStoreUnavailableException.class);

        node.proxy().answerAll();
        calls.append(stream, AppendToStreamOptions.get(), List.of(event()).iterator());

        assertThat(calls.readStream(stream, ReadStreamOptions.get().fromStart(), "reading " + stream)
                        .getEvents())
                .isNotEmpty();
    }

    private static EventData event() {
        return EventData.builderAsJson("Probed", "{}".getBytes()).build();
    }
}
