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
    void anAggregatesEventsGoToItsOwnStreamWithRevisionsEqualToSequenceNumbers() throws Exception {
        String id = newCounterId();

        engine.appendEvents(history(id, 3));

        List<RecordedEvent> stored = readStream("counter-" + id);
        assertThat(stored).extracting(RecordedEvent::getRevision).containsExactly(0L, 1L, 2L);
        assertThat(stored)
                .extracting(RecordedEvent::getEventType)
                .containsExactly("CounterCreated", "CounterIncremented", "CounterIncremented");
    }

    @Test
    void oneAppendOfSeveralAggregatesWritesEachToItsStreamInOrder() throws Exception {
        String first = newCounterId();
        String second = newCounterId();

        engine.appendEvents(List.of(created(first), created(second), incremented(first, 1), incremented(second, 1)));

        assertThat(readStream("counter-" + first)).hasSize(2);
        assertThat(readStream("counter-" + second)).hasSize(2);
    }

    @Test
    void laterEventsAreAppendedAtTheRevisionAfterTheAggregatesLastOne() {
        String id = newCounterId();
        engine.appendEvents(history(id, 2));

        engine.appendEvents(List.of(incremented(id, 2), incremented(id, 3)));

        assertThat(engine.lastSequenceNumberFor("Counter", id)).hasValue(3L);
    }

    @Test
    void appendingASequenceNumberThatIsTakenFailsWithAConcurrencyException() {
        String id = newCounterId();
        engine.appendEvents(history(id, 2));

        assertThatThrownBy(() -> engine.appendEvents(List.of(incremented(id, 1))))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("counter-" + id)
                .hasMessageContaining("revision 0")
                .hasMessageContaining("revision 1");
    }

    @Test
    void creatingAnAggregateWhoseStreamExistsFailsWithAConcurrencyException() {
        String id = newCounterId();
        engine.appendEvents(List.of(created(id)));

        assertThatThrownBy(() -> engine.appendEvents(List.of(created(id))))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("no stream");
    }

    @Test
    void ofTwoConcurrentAppendsAtTheSameSequenceNumberExactlyOneWins() throws Exception {
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
    void eventsThatBelongToNoAggregateAreRefusedAndNothingIsWritten() {
        String id = newCounterId();

        assertThatThrownBy(() -> engine.appendEvents(
                        List.of(created(id), GenericEventMessage.asEventMessage("not an aggregate's"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Only aggregate events");
        assertThat(engine.lastSequenceNumberFor("Counter", id)).isEmpty();
    }

    @Test
    void anAggregatesEventsMustHaveConsecutiveSequenceNumbers() {
        String id = newCounterId();

        assertThatThrownBy(() -> engine.appendEvents(List.of(created(id), incremented(id, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive");
    }

    @Test
    void readingAnAggregateGivesBackEveryEventOverSeveralPages() {
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
    void readingFromASequenceNumberSkipsTheEventsBeforeIt() {
        String id = newCounterId();
        engine.appendEvents(history(id, 5));

        List<DomainEventMessage<?>> events =
                engine.readEvents("Counter", id, 3).asStream().collect(Collectors.toList());

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(3L, 4L);
        assertThat(events.get(1).getPayload()).isEqualTo(new CounterIncremented(id, 1, 4));
    }

    @Test
    void anAggregateWithoutAStreamReadsAsEmpty() {
        String id = newCounterId();

        assertThat(engine.readEvents("Counter", id, 0).hasNext()).isFalse();
        assertThat(engine.lastSequenceNumberFor("Counter", id)).isEmpty();
    }

    @Test
    void withoutAnAggregateTypeTheEngineExplainsHowToReadAnAggregate() {
        assertThatThrownBy(() -> engine.readEvents(newCounterId()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("AggregateEventStore");
        assertThatThrownBy(() -> engine.lastSequenceNumberFor(newCounterId()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCustomStreamNamingDecidesWhereEventsGo() throws Exception {
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
    void thereAreNoSnapshotsYet() {
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
