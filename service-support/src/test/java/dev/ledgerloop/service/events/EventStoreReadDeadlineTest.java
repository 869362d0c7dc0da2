package dev.ledgerloop.service.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.eventstore.EventStoreUnavailableException;
import dev.ledgerloop.eventstore.fixtures.ProxiedEventStoreNode;
import io.grpc.Status;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The codec's own reads of EventStoreDB (a chain head, a shredding record) fail as unavailable when the node does not
 * answer in time, as every engine call does: the request answers 503, the processor retries.
 */
class EventStoreReadDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);

    @RegisterExtension
    static final ProxiedEventStoreNode node = new ProxiedEventStoreNode();

    private final ChainHeads heads = new ChainHeads(node.client(), DEADLINE, 10);
    private final LoggedShredRecords shredRecords = new LoggedShredRecords(node.client(), DEADLINE);

    @Test
    void a_chain_head_read_answered_with_deadline_exceeded_fails_as_unavailable() {
        node.proxy().refuseStreams(Status.DEADLINE_EXCEEDED);

        assertThatThrownBy(() -> heads.previousHash(StreamNames.session(UUID.randomUUID()), 3))
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageContaining("reading the chain head");
    }

    @Test
    void a_chain_head_read_the_node_never_answers_fails_as_unavailable() {
        node.proxy().silenceStreams();

        assertThatThrownBy(() -> heads.previousHash(StreamNames.session(UUID.randomUUID()), 3))
                .isInstanceOf(EventStoreUnavailableException.class);
    }

    @Test
    void a_shredding_record_read_answered_with_deadline_exceeded_fails_as_unavailable() {
        node.proxy().refuseStreams(Status.DEADLINE_EXCEEDED);

        assertThatThrownBy(() -> shredRecords.isShredded(StreamNames.session(UUID.randomUUID())))
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageContaining("reading shredding-");
    }

    @Test
    void a_shredding_record_read_the_node_never_answers_fails_as_unavailable() {
        node.proxy().silenceStreams();

        assertThatThrownBy(() -> shredRecords.isShredded(StreamNames.session(UUID.randomUUID())))
                .isInstanceOf(EventStoreUnavailableException.class);
    }

    @Test
    void any_other_failure_of_a_shredding_record_read_stays_an_error() {
        node.proxy().refuseStreams(Status.INTERNAL);

        assertThatThrownBy(() -> shredRecords.isShredded(StreamNames.session(UUID.randomUUID())))
                .isInstanceOf(IllegalStateException.class);
    }
}
