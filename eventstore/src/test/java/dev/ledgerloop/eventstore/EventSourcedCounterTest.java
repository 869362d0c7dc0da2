package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import dev.ledgerloop.eventstore.counter.Counter;
import dev.ledgerloop.eventstore.counter.CounterCommand.CreateCounter;
import dev.ledgerloop.eventstore.counter.CounterCommand.IncrementCounter;
import dev.ledgerloop.eventstore.counter.CounterEvent;
import dev.ledgerloop.eventstore.counter.CounterEvent.CounterCreated;
import dev.ledgerloop.eventstore.counter.CounterEvent.CounterIncremented;
import dev.ledgerloop.eventstore.counter.CounterLog;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real Axon configuration on the engine: two application instances sharing one EventStoreDB node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSourcedCounterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @RegisterExtension
    static final EventStoreNode node = new EventStoreNode();

    private CounterApplication app;
    private CounterApplication otherInstance;

    @BeforeAll
    void startApplications() {
        app = CounterApplication.start(node);
        otherInstance = CounterApplication.start(node);
    }

    @AfterAll
    void stopApplications() throws Exception {
        try {
            app.close();
        } finally {
            otherInstance.close();
        }
    }

    @Test
    void commands_create_and_change_a_counter_whose_events_land_in_its_own_stream() throws Exception {
        String id = UUID.randomUUID().toString();

        app.send(new CreateCounter(id));
        int afterFirst = app.send(new IncrementCounter(id, 2));
        int afterSecond = app.send(new IncrementCounter(id, 3));

        assertThat(afterFirst).isEqualTo(2);
        assertThat(afterSecond).isEqualTo(5);
        List<RecordedEvent> stream = node
                .client()
                .readStream("counter-" + id, ReadStreamOptions.get())
                .get(10, TimeUnit.SECONDS)
                .getEvents()
                .stream()
                .map(ResolvedEvent::getEvent)
                .collect(Collectors.toList());
        assertThat(stream).extracting(RecordedEvent::getRevision).containsExactly(0L, 1L, 2L);
        assertThat(stream)
                .extracting(RecordedEvent::getEventType)
                .containsExactly("CounterCreated", "CounterIncremented", "CounterIncremented");
    }

    @Test
    void another_instance_rebuilds_a_counter_from_its_stream() {
        String id = UUID.randomUUID().toString();
        app.send(new CreateCounter(id));
        app.send(new IncrementCounter(id, 4));

        int value = inUnitOfWork(() -> otherInstance.counters().load(id).invoke(Counter::value));
        int next = otherInstance.send(new IncrementCounter(id, 1));

        assertThat(value).isEqualTo(4);
        assertThat(next).isEqualTo(5);
    }

    @Test
    void when_two_instances_change_a_counter_at_once_the_later_commit_fails_with_a_concurrency_exception()
            throws Exception {
        String id = UUID.randomUUID().toString();
        app.send(new CreateCounter(id));

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<Counter> counter = app.counters().load(id);
            // The other instance changes the counter between this instance's load and commit.
            CompletableFuture.runAsync(() -> otherInstance.send(new IncrementCounter(id, 10)), TestThreads.WORKERS)
                    .get(10, TimeUnit.SECONDS);
            counter.execute(loaded -> loaded.handle(new IncrementCounter(id, 1)));

            assertThatThrownBy(unitOfWork::commit)
                    .isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining("counter-" + id);
        } finally {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback();
            }
        }
        // Retried, the command sees the other instance's change.
        int value = app.send(new IncrementCounter(id, 1));
        assertThat(value).isEqualTo(11);
    }

    @Test
    void the_processor_handles_every_event_in_all_order_and_never_a_system_event() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        app.send(new CreateCounter(first));
        otherInstance.send(new CreateCounter(second));
        app.send(new IncrementCounter(first, 1));
        otherInstance.send(new IncrementCounter(second, 2));

        await().atMost(PATIENCE)
                .until(() -> app.log().of(first).size() + app.log().of(second).size() == 4);
        List<CounterLog.Entry> ours = app.log().all().stream()
                .filter(entry -> first.equals(entry.aggregateId()) || second.equals(entry.aggregateId()))
                .collect(Collectors.toList());
        assertThat(ours)
                .extracting(CounterLog.Entry::payload)
                .containsExactly(
                        new CounterCreated(first),
                        new CounterCreated(second),
                        new CounterIncremented(first, 1, 1),
                        new CounterIncremented(second, 2, 2));
        assertThat(app.log().all()).allSatisfy(entry -> {
            assertThat(entry.aggregateType()).isEqualTo("Counter");
            assertThat(entry.payload()).isInstanceOf(CounterEvent.class);
        });
        assertThat(systemEventsInAll()).as("$all holds system events to skip").isPositive();
    }

    @Test
    void the_processor_picks_up_events_that_another_instance_writes_while_it_waits() {
        String id = UUID.randomUUID().toString();

        otherInstance.send(new CreateCounter(id));
        otherInstance.send(new IncrementCounter(id, 7));

        // Only the other instance wrote: nothing in this process signals the commit, so the wake-up comes from $all.
        await().atMost(PATIENCE).until(() -> app.log().of(id).size() == 2);
    }

    @Test
    void a_restarted_processor_continues_from_its_token_without_handling_anything_twice() {
        String id = UUID.randomUUID().toString();
        app.send(new CreateCounter(id));
        app.send(new IncrementCounter(id, 1));
        await().atMost(PATIENCE).until(() -> app.log().of(id).size() == 2);

        app.processor().shutDown();
        otherInstance.send(new IncrementCounter(id, 1));
        otherInstance.send(new IncrementCounter(id, 1));
        app.processor().start();

        await().atMost(PATIENCE).until(() -> app.log().of(id).size() >= 4);
        await().during(Duration.ofMillis(300))
                .atMost(PATIENCE)
                .until(() -> app.log().of(id).size() == 4);
        assertThat(app.log().of(id))
                .extracting(CounterLog.Entry::sequenceNumber)
                .containsExactly(0L, 1L, 2L, 3L);
        List<String> handled =
                app.log().all().stream().map(CounterLog.Entry::messageId).collect(Collectors.toList());
        assertThat(handled).doesNotHaveDuplicates();
    }

    private long systemEventsInAll() throws Exception {
        return node.client().readAll(ReadAllOptions.get().fromStart()).get(10, TimeUnit.SECONDS).getEvents().stream()
                .filter(event -> event.getEvent().getStreamId().startsWith("$"))
                .count();
    }

    private static <R> R inUnitOfWork(java.util.concurrent.Callable<R> work) {
        try {
            return DefaultUnitOfWork.startAndGet(null).executeWithResult(work).getPayload();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
