package dev.ledgerloop.eventstore;

import static dev.ledgerloop.eventstore.TestEvents.created;
import static dev.ledgerloop.eventstore.TestEvents.history;
import static dev.ledgerloop.eventstore.TestEvents.incremented;
import static dev.ledgerloop.eventstore.TestEvents.newCounterId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tracking {@code $all} through the engine: order, tokens, paging, skipping EventStoreDB's own events, waiting. */
class AllStreamTrackingTest {
    @RegisterExtension
    static final EventStoreNode node = new EventStoreNode();

    private EventStoreDbStorageEngine engine;

    @BeforeEach
    void createEngine() {
        // Pages of two, so that reads cross page boundaries, and pages holding only system events, all the time.
        // The long recheck interval proves that waiting readers are woken by new events, not by the safety net.
        // Three recent events: followers take new events from memory and read the server for anything older.
        engine = EventStoreDbStorageEngine.builder()
                .client(node.client())
                .batchSize(2)
                .recentEvents(3)
                .idleRecheckInterval(Duration.ofMinutes(5))
                .build();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void from_the_tail_every_aggregate_event_comes_in_all_order_and_no_system_event_does() throws Exception {
        assertThat(readAll().stream().filter(event -> event.getStreamId().startsWith("$")))
                .as("$all starts with the node's system events")
                .isNotEmpty();
        String first = newCounterId();
        String second = newCounterId();
        List<DomainEventMessage<?>> written = List.of(
                created(first), created(second), incremented(first, 1), incremented(second, 1), incremented(first, 2));
        for (DomainEventMessage<?> event : written) {
            engine.appendEvents(List.of(event));
        }

        List<TrackedEventMessage<?>> read = readAfter(engine.createTailToken());

        assertThat(read).allSatisfy(event -> assertThat(((DomainEventMessage<?>) event).getType())
                .isEqualTo("Counter"));
        assertThat(identifiers(of(read, first, second))).containsExactlyElementsOf(identifiers(written));
        assertThat(read).extracting(TrackedEventMessage::trackingToken).isSortedAccordingTo(this::compare);
        assertThat(readAfter(null))
                .extracting(TrackedEventMessage::getIdentifier)
                .containsExactlyElementsOf(identifiers(read));
    }

    @Test
    void reading_after_a_token_starts_with_the_next_event() {
        String id = newCounterId();
        engine.appendEvents(history(id, 5));
        List<TrackedEventMessage<?>> all = of(readAfter(null), id);

        List<TrackedEventMessage<?>> rest = readAfter(all.get(1).trackingToken());

        assertThat(identifiers(of(rest, id))).containsExactlyElementsOf(identifiers(all.subList(2, 5)));
    }

    @Test
    void a_tombstone_eventstoredb_writes_into_an_aggregate_stream_is_skipped() throws Exception {
        String deleted = newCounterId();
        engine.appendEvents(history(deleted, 2));
        node.client().tombstoneStream("counter-" + deleted).get(10, TimeUnit.SECONDS);
        String after = newCounterId();
        engine.appendEvents(List.of(created(after)));

        List<TrackedEventMessage<?>> read = readAfter(null);

        assertThat(of(read, deleted)).hasSize(2);
        assertThat(of(read, after)).hasSize(1);
        assertThat(readAll())
                .anySatisfy(event -> assertThat(event.getEventType()).isEqualTo("$streamDeleted"));
    }

    @Test
    void a_blocking_read_waits_for_events_that_another_instance_writes_and_ends_when_closed() throws Exception {
        List<TrackedEventMessage<?>> received = new CopyOnWriteArrayList<>();
        Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(engine.createHeadToken(), true);
        CompletableFuture<Void> reader =
                CompletableFuture.runAsync(() -> stream.forEach(received::add), TestThreads.WORKERS);
        EventStoreDBClient otherInstance = node.newClient();
        EventStoreDbStorageEngine otherEngine =
                EventStoreDbStorageEngine.builder().client(otherInstance).build();
        try {
            String id = newCounterId();
            otherEngine.appendEvents(List.of(created(id)));
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);

            otherEngine.appendEvents(List.of(incremented(id, 1), incremented(id, 2)));
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            assertThat(received)
                    .extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                    .containsExactly(0L, 1L, 2L);
        } finally {
            stream.close();
            otherEngine.close();
            otherInstance.shutdown().get(10, TimeUnit.SECONDS);
        }
        reader.get(5, TimeUnit.SECONDS);
        assertThat(reader).isDone();
    }

    @Test
    void the_processor_source_calls_back_when_another_instance_writes_and_then_has_the_events() throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> stream = engine.allEventsSource().openStream(engine.createHeadToken());
        EventStoreDBClient otherInstance = node.newClient();
        EventStoreDbStorageEngine otherEngine =
                EventStoreDbStorageEngine.builder().client(otherInstance).build();
        try {
            assertThat(stream.setOnAvailableCallback(callbacks::incrementAndGet))
                    .isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();
            assertThat(stream.peek()).isEmpty();

            String id = newCounterId();
            otherEngine.appendEvents(List.of(created(id), incremented(id, 1)));
            await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.get() > 0);

            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(List.of(stream.nextAvailable(), stream.nextAvailable()))
                    .extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                    .containsExactly(0L, 1L);
            assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            stream.close();
            otherEngine.close();
            otherInstance.shutdown().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_follower_of_the_end_gets_bursts_longer_than_the_recent_events_kept_in_order_without_gap_or_repeat()
            throws Exception {
        BlockingStream<TrackedEventMessage<?>> follower =
                engine.allEventsSource().openStream(engine.createHeadToken());
        List<TrackedEventMessage<?>> received = new CopyOnWriteArrayList<>();
        EventStoreDBClient otherInstance = node.newClient();
        EventStoreDbStorageEngine otherEngine =
                EventStoreDbStorageEngine.builder().client(otherInstance).build();
        try {
            follower.setOnAvailableCallback(() -> {});
            String id = newCounterId();
            List<DomainEventMessage<?>> written = new ArrayList<>(history(id, 1));
            otherEngine.appendEvents(written);
            for (int burst = 0; burst < 4; burst++) {
                List<DomainEventMessage<?>> events = new ArrayList<>();
                for (int i = 0; i < 1 + burst * 3; i++) {
                    events.add(incremented(id, written.size() + events.size()));
                }
                otherEngine.appendEvents(events);
                written.addAll(events);
                // Read part of the burst only at times, so the follower is sometimes behind the three kept.
                int take = burst % 2 == 0 ? events.size() : 1;
                for (int i = 0; i < take; i++) {
                    assertThat(follower.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
                    received.add(follower.nextAvailable());
                }
            }
            while (received.size() < written.size()) {
                assertThat(follower.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
                received.add(follower.nextAvailable());
            }

            assertThat(received)
                    .extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                    .containsExactlyElementsOf(written.stream()
                            .map(DomainEventMessage::getSequenceNumber)
                            .toList());
            assertThat(received).extracting(TrackedEventMessage::trackingToken).isSortedAccordingTo(this::compare);
            assertThat(follower.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            follower.close();
            otherEngine.close();
            otherInstance.shutdown().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_wait_on_the_processor_source_ends_when_an_event_is_written() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = engine.allEventsSource().openStream(engine.createHeadToken());
        try {
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return stream.hasNextAvailable(1, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    TestThreads.WORKERS);
            String id = newCounterId();
            engine.appendEvents(List.of(created(id)));

            assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(((DomainEventMessage<?>) stream.nextAvailable()).getAggregateIdentifier())
                    .isEqualTo(id);
        } finally {
            stream.close();
        }
    }

    @Test
    void closing_the_engine_ends_the_blocking_reads_waiting_on_it() throws Exception {
        List<TrackedEventMessage<?>> received = new CopyOnWriteArrayList<>();
        Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(engine.createHeadToken(), true);
        CompletableFuture<Void> reader =
                CompletableFuture.runAsync(() -> stream.forEach(received::add), TestThreads.WORKERS);
        engine.appendEvents(List.of(created(newCounterId())));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);

        engine.close();

        reader.get(5, TimeUnit.SECONDS);
        assertThat(received).hasSize(1);
    }

    @Test
    void the_head_token_is_at_the_last_event_so_only_new_events_follow_it() {
        String before = newCounterId();
        engine.appendEvents(history(before, 2));
        TrackingToken lastWritten = of(readAfter(null), before).get(1).trackingToken();

        TrackingToken head = engine.createHeadToken();
        assertThat(head).isEqualTo(lastWritten);
        assertThat(readAfter(head)).isEmpty();

        String after = newCounterId();
        engine.appendEvents(List.of(created(after)));
        assertThat(readAfter(head))
                .extracting(TrackedEventMessage::getIdentifier)
                .containsExactly(of(readAfter(null), after).get(0).getIdentifier());
    }

    @Test
    void the_tail_token_is_before_everything() {
        TrackingToken tail = engine.createTailToken();

        assertThat(tail).isEqualTo(EventStoreDbPositionToken.TAIL);
        assertThat(engine.createHeadToken().covers(tail)).isTrue();
    }

    @Test
    void a_token_at_a_time_tracks_the_events_written_from_that_time_on() throws Exception {
        String earlier = newCounterId();
        engine.appendEvents(List.of(created(earlier)));
        RecordedEvent written = node.client()
                .readStream("counter-" + earlier, ReadStreamOptions.get())
                .get(10, TimeUnit.SECONDS)
                .getEvents()
                .get(0)
                .getEvent();
        Instant between = written.getCreated().plusNanos(1_000);
        await().until(() -> Instant.now().isAfter(between));
        String later = newCounterId();
        engine.appendEvents(List.of(created(later)));

        TrackingToken token = engine.createTokenAt(between);

        assertThat(token).isEqualTo(EventStoreDbPositionToken.at(written.getPosition()));
        List<TrackedEventMessage<?>> read = readAfter(token);
        assertThat(of(read, earlier)).isEmpty();
        assertThat(of(read, later)).hasSize(1);
        assertThat(engine.createTokenAt(Instant.EPOCH)).isEqualTo(EventStoreDbPositionToken.TAIL);
        assertThat(engine.createTokenAt(Instant.now().plusSeconds(60))).isEqualTo(engine.createHeadToken());
    }

    @Test
    void a_token_at_a_time_finds_its_event_behind_several_pages_of_later_events() throws Exception {
        String earlier = newCounterId();
        engine.appendEvents(List.of(created(earlier)));
        RecordedEvent written = first("counter-" + earlier);
        await().until(() -> Instant.now().isAfter(written.getCreated().plusMillis(1)));
        String later = newCounterId();
        engine.appendEvents(history(later, 7));

        TrackingToken token = engine.createTokenAt(written.getCreated().plusMillis(1));

        assertThat(token).isEqualTo(EventStoreDbPositionToken.at(written.getPosition()));
        assertThat(of(readAfter(token), later)).hasSize(7);
    }

    @Test
    void an_event_recorded_exactly_at_the_time_is_after_its_token() throws Exception {
        String counter = newCounterId();
        engine.appendEvents(List.of(created(counter)));
        RecordedEvent written = first("counter-" + counter);

        TrackingToken token = engine.createTokenAt(written.getCreated());

        assertThat(of(readAfter(token), counter))
                .extracting(TrackedEventMessage::getIdentifier)
                .containsExactly(of(readAfter(null), counter).get(0).getIdentifier());
    }

    @Test
    void the_events_after_a_token_are_counted_without_eventstoredb_s_own_and_up_to_a_limit() {
        TrackingToken before = engine.createHeadToken();
        String counter = newCounterId();
        engine.appendEvents(history(counter, 5));

        assertThat(engine.countEventsAfter(before, 100)).isEqualTo(5);
        assertThat(engine.countEventsAfter(before, 3)).isEqualTo(3);
        assertThat(engine.countEventsAfter(engine.createHeadToken(), 100)).isZero();
        assertThat(engine.countEventsAfter(null, Long.MAX_VALUE))
                .isEqualTo(readAfter(null).size());
    }

    @Test
    void the_time_of_a_token_is_when_its_event_was_recorded() throws Exception {
        String counter = newCounterId();
        engine.appendEvents(List.of(created(counter)));
        RecordedEvent written = first("counter-" + counter);

        assertThat(engine.recordedAt(EventStoreDbPositionToken.at(written.getPosition())))
                .contains(written.getCreated());
        assertThat(engine.recordedAt(EventStoreDbPositionToken.TAIL)).isEmpty();
    }

    private static RecordedEvent first(String stream) throws Exception {
        return node.client()
                .readStream(stream, ReadStreamOptions.get())
                .get(10, TimeUnit.SECONDS)
                .getEvents()
                .get(0)
                .getEvent();
    }

    private List<TrackedEventMessage<?>> readAfter(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
            return events.collect(Collectors.toList());
        }
    }

    private static List<RecordedEvent> readAll() throws Exception {
        return node.client().readAll(ReadAllOptions.get().fromStart()).get(10, TimeUnit.SECONDS).getEvents().stream()
                .map(ResolvedEvent::getEvent)
                .collect(Collectors.toList());
    }

    /** The events of the given counters, so that tests sharing a node do not see each other's. */
    private static List<TrackedEventMessage<?>> of(List<TrackedEventMessage<?>> events, String... counterIds) {
        Set<String> ids = Set.of(counterIds);
        return events.stream()
                .filter(event -> ids.contains(((DomainEventMessage<?>) event).getAggregateIdentifier()))
                .collect(Collectors.toList());
    }

    private static List<String> identifiers(List<? extends org.axonframework.eventhandling.EventMessage<?>> events) {
        return events.stream().map(event -> event.getIdentifier()).collect(Collectors.toList());
    }

    private int compare(TrackingToken a, TrackingToken b) {
        return ((EventStoreDbPositionToken) a).compareTo((EventStoreDbPositionToken) b);
    }
}
