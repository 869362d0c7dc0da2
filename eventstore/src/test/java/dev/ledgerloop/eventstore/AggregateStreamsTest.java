package dev.ledgerloop.eventstore;

import static dev.ledgerloop.eventstore.TestEvents.created;
import static dev.ledgerloop.eventstore.TestEvents.history;
import static dev.ledgerloop.eventstore.TestEvents.incremented;
import static dev.ledgerloop.eventstore.TestEvents.newCounterId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import dev.ledgerloop.eventstore.counter.CounterEvent.CounterIncremented;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Appending to and reading from aggregate streams, through the engine alone. */
class AggregateStreamsTest {
    @RegisterExtension
    static final EventStoreNode node = new EventStoreNode();

    private EventStoreDbStorageEngine engine;

    @BeforeEach
    void createEngine() {
        // A small batch, so that reading a stream takes several pages.
        engine = EventStoreDbStorageEngine.builder()
                .client(node.client())
                .batchSize(3)
                .build();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void an_aggregates_events_go_to_its_own_stream_with_revisions_equal_to_sequence_numbers() throws Exception {
        String id = newCounterId();

        engine.appendEvents(history(id, 3));

        List<RecordedEvent> stored = readStream("counter-" + id);
        assertThat(stored).extracting(RecordedEvent::getRevision).containsExactly(0L, 1L, 2L);
        assertThat(stored)
                .extracting(RecordedEvent::getEventType)
                .containsExactly("CounterCreated", "CounterIncremented", "CounterIncremented");
    }

    @Test
    void one_append_of_several_aggregates_writes_each_to_its_stream_in_order() throws Exception {
        String first = newCounterId();
        String second = newCounterId();

        engine.appendEvents(List.of(created(first), created(second), incremented(first, 1), incremented(second, 1)));

        assertThat(readStream("counter-" + first)).hasSize(2);
        assertThat(readStream("counter-" + second)).hasSize(2);
    }

    @Test
    void later_events_are_appended_at_the_revision_after_the_aggregates_last_one() {
        String id = newCounterId();
        engine.appendEvents(history(id, 2));

        engine.appendEvents(List.of(incremented(id, 2), incremented(id, 3)));

        assertThat(engine.lastSequenceNumberFor("Counter", id)).hasValue(3L);
    }

    @Test
    void appending_a_sequence_number_that_is_taken_fails_with_a_concurrency_exception() {
        String id = newCounterId();
        engine.appendEvents(history(id, 2));

        assertThatThrownBy(() -> engine.appendEvents(List.of(incremented(id, 1))))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("counter-" + id)
                .hasMessageContaining("revision 0")
                .hasMessageContaining("revision 1");
    }

    @Test
    void creating_an_aggregate_whose_stream_exists_fails_with_a_concurrency_exception() {
        String id = newCounterId();
        engine.appendEvents(List.of(created(id)));

        assertThatThrownBy(() -> engine.appendEvents(List.of(created(id))))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("no stream");
    }

    @Test
    void of_two_concurrent_appends_at_the_same_sequence_number_exactly_one_wins() throws Exception {
        String id = newCounterId();
        engine.appendEvents(List.of(created(id)));
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Void>> appends = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            appends.add(CompletableFuture.runAsync(
                    () -> {
                        awaitQuietly(start);
                        engine.appendEvents(List.of(incremented(id, 1)));
                    },
                    TestThreads.WORKERS));
        }
        start.countDown();

        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Void> append : appends) {
            append.handle((ok, failure) -> failure == null ? null : failures.add(failure.getCause()))
                    .get(10, TimeUnit.SECONDS);
        }
        assertThat(failures).singleElement().isInstanceOf(ConcurrencyException.class);
        assertThat(engine.lastSequenceNumberFor("Counter", id)).hasValue(1L);
    }

    @Test
    void events_that_belong_to_no_aggregate_are_refused_and_nothing_is_written() {
        String id = newCounterId();

        assertThatThrownBy(() -> engine.appendEvents(
                        List.of(created(id), GenericEventMessage.asEventMessage("not an aggregate's"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Only aggregate events");
        assertThat(engine.lastSequenceNumberFor("Counter", id)).isEmpty();
    }

    @Test
    void an_aggregates_events_must_have_consecutive_sequence_numbers() {
        String id = newCounterId();

        assertThatThrownBy(() -> engine.appendEvents(List.of(created(id), incremented(id, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive");
    }

    @Test
    void reading_an_aggregate_gives_back_every_event_over_several_pages() {
        String id = newCounterId();
        List<DomainEventMessage<?>> written = history(id, 8);
        engine.appendEvents(written);

        DomainEventStream read = engine.readEvents("Counter", id, 0);

        List<DomainEventMessage<?>> events = read.asStream().collect(Collectors.toList());
        assertThat(events)
                .extracting(DomainEventMessage::getIdentifier)
                .containsExactlyElementsOf(identifiers(written));
        assertThat(events)
                .extracting(DomainEventMessage::getSequenceNumber)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(read.getLastSequenceNumber()).isEqualTo(7L);
    }

    @Test
    void reading_from_a_sequence_number_skips_the_events_before_it() {
        String id = newCounterId();
        engine.appendEvents(history(id, 5));

        List<DomainEventMessage<?>> events =
                engine.readEvents("Counter", id, 3).asStream().collect(Collectors.toList());

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(3L, 4L);
        assertThat(events.get(1).getPayload()).isEqualTo(new CounterIncremented(id, 1, 4));
    }

    @Test
    void an_aggregate_without_a_stream_reads_as_empty() {
        String id = newCounterId();

        assertThat(engine.readEvents("Counter", id, 0).hasNext()).isFalse();
        assertThat(engine.lastSequenceNumberFor("Counter", id)).isEmpty();
    }

    @Test
    void without_an_aggregate_type_the_engine_explains_how_to_read_an_aggregate() {
        assertThatThrownBy(() -> engine.readEvents(newCounterId()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("AggregateEventStore");
        assertThatThrownBy(() -> engine.lastSequenceNumberFor(newCounterId()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_custom_stream_naming_decides_where_events_go() throws Exception {
        String id = newCounterId();
        EventStoreDbStorageEngine named = EventStoreDbStorageEngine.builder()
                .client(node.client())
                .streamNaming((type, aggregateId) -> "tally_" + aggregateId)
                .build();

        named.appendEvents(history(id, 2));

        assertThat(readStream("tally_" + id)).hasSize(2);
        assertThat(named.readEvents("Counter", id, 0).asStream()).hasSize(2);
        named.close();
    }

    @Test
    void there_are_no_snapshots_yet() {
        String id = newCounterId();
        engine.appendEvents(history(id, 2));

        engine.storeSnapshot(incremented(id, 1));

        assertThat(engine.readSnapshot(id)).isEmpty();
    }

    private List<RecordedEvent> readStream(String stream) throws Exception {
        return node.client().readStream(stream, ReadStreamOptions.get()).get(10, TimeUnit.SECONDS).getEvents().stream()
                .map(ResolvedEvent::getEvent)
                .collect(Collectors.toList());
    }

    private static List<String> identifiers(List<DomainEventMessage<?>> events) {
        return events.stream().map(DomainEventMessage::getIdentifier).collect(Collectors.toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
