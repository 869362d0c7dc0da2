package dev.ledgerloop.service.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.StreamNaming;
import dev.ledgerloop.eventstore.UnreadableEvent;
import dev.ledgerloop.service.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue's contract, as Axon's in-memory queue keeps it, on mongo-java-server. */
class ParkedEventQueueTest {
    private static final ParkedEventQueue.ParkingLimits LIMITS =
            new ParkedEventQueue.ParkingLimits(3, 3, Duration.ofMinutes(1));

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private final Map<String, TrackedEventMessage<?>> log = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private MongoCollection<Document> collection;
    private ParkedEvents parkedEvents;
    private ParkedEventQueue queue;
    private ParkedEventQueue otherInstance;
    private ParkedEventQueue otherProcessor;
    private long position;

    record Secret(String value) {}

    @BeforeEach
    void newQueue() {
        parkedEvents = new ParkedEvents(MONGO.freshDatabase(), Clock.systemUTC());
        collection = parkedEvents.collection();
        ParkedLetters letters = new ParkedLetters(StreamNaming.lowerCaseTypeAndId(), (stream, revision) -> {
            reads.add(stream + "@" + revision);
            return log.get(stream + "@" + revision);
        });
        queue = new ParkedEventQueue("timeline", collection, letters, Clock.systemUTC(), LIMITS);
        otherInstance = new ParkedEventQueue("timeline", collection, letters, Clock.systemUTC(), LIMITS);
        otherProcessor = new ParkedEventQueue("sessions", collection, letters, Clock.systemUTC(), LIMITS);
    }

    @Test
    void keeps_each_sequence_in_insertion_order_and_reads_the_events_back_from_the_log() {
        TrackedEventMessage<?> first = event("a", 0);
        TrackedEventMessage<?> second = event("a", 1);
        queue.enqueue("a", new GenericDeadLetter<>("a", first, new IllegalStateException("boom")));
        assertThat(queue.enqueueIfPresent("b", () -> letter("b", event("b", 0))))
                .isFalse();
        assertThat(queue.enqueueIfPresent("a", () -> letter("a", second))).isTrue();
        queue.enqueue("b", letter("b", event("b", 0)));

        assertThat(queue.contains("a")).isTrue();
        assertThat(queue.contains("c")).isFalse();
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.sequenceSize("a")).isEqualTo(2);
        assertThat(queue.amountOfSequences()).isEqualTo(2);
        assertThat(messagesOf(queue.deadLetterSequence("a")))
                .containsExactly(first.getIdentifier(), second.getIdentifier());
        assertThat(queue.deadLetters()).hasSize(2);
        assertThat(otherProcessor.size()).isZero();
        assertThat(otherProcessor.contains("a")).isFalse();
    }

    @Test
    void stores_where_the_event_is_never_its_payload_nor_an_unsafe_message() {
        TrackedEventMessage<?> event = event("a", 4);
        queue.enqueue("a", new GenericDeadLetter<>("a", event, new IllegalArgumentException("top secret value")));

        Document stored = collection.find().first();
        assertThat(stored.toJson()).doesNotContain("top secret");
        assertThat(stored.getString("stream")).isEqualTo("session-a");
        assertThat(stored.get("revision", Number.class).longValue()).isEqualTo(4);
        assertThat(stored.getString("eventType")).isEqualTo("Secret");
        assertThat(stored.getString("causeType")).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(stored.getString("causeMessage")).isNull();
        assertThat(stored.get("commitPosition", Number.class)).isNotNull();
        assertThat(stored.getString("eventId")).isEqualTo(event.getIdentifier());
    }

    @Test
    void keeps_the_messages_of_our_own_exceptions_and_parks_an_unreadable_event_at_its_place() {
        UnreadableEvent unreadable =
                new UnreadableEvent("session-a", 2, UUID.randomUUID().toString(), "Brand", "x");
        TrackedEventMessage<?> standIn = new GenericTrackedDomainEventMessage<>(
                new EventStoreDbPositionToken(10, 10), new GenericDomainEventMessage<>("session", "a", 2, unreadable));
        queue.enqueue("a", new GenericDeadLetter<>("a", standIn, new UnreadableEventException(unreadable)));

        Document stored = collection.find().first();
        assertThat(stored.getString("eventType")).isEqualTo("Brand");
        assertThat(stored.getString("eventId")).isEqualTo(unreadable.eventId());
        assertThat(stored.getString("causeMessage")).contains("Cannot read Brand at revision 2 of session-a");
    }

    @Test
    void is_full_at_the_most_sequences_or_the_longest_sequence() {
        for (int revision = 0; revision < 3; revision++) {
            queue.enqueue("a", letter("a", event("a", revision)));
        }
        assertThat(queue.isFull("a")).isTrue();
        assertThatThrownBy(() -> queue.enqueue("a", letter("a", event("a", 3))))
                .isInstanceOf(DeadLetterQueueOverflowException.class);
        queue.enqueue("b", letter("b", event("b", 0)));
        queue.enqueue("c", letter("c", event("c", 0)));
        assertThat(queue.isFull("d")).isTrue();
        assertThat(queue.isFull("b")).isFalse();
    }

    @Test
    void requeue_updates_the_letter_and_evict_removes_it() {
        queue.enqueue("a", letter("a", event("a", 0)));
        DeadLetter<? extends EventMessage<?>> letter =
                queue.deadLetterSequence("a").iterator().next();

        queue.requeue(letter, touched -> touched.withCause(
                        new UnreadableEventException(new UnreadableEvent("session-a", 0, "id", "T", "again")))
                .withDiagnostics(MetaData.with("attempts", 2)));
        DeadLetter<? extends EventMessage<?>> requeued =
                queue.deadLetterSequence("a").iterator().next();
        assertThat(requeued.cause().orElseThrow().type()).isEqualTo(UnreadableEventException.class.getName());
        assertThat(requeued.diagnostics()).containsEntry("attempts", 2);
        assertThat(requeued.lastTouched()).isAfterOrEqualTo(letter.lastTouched());

        queue.evict(requeued);
        assertThat(queue.contains("a")).isFalse();
        assertThatThrownBy(() -> queue.requeue(requeued, touched -> touched))
                .isInstanceOf(NoSuchDeadLetterException.class);
    }

    @Test
    void process_walks_the_sequence_touched_longest_ago_and_stops_at_a_letter_that_fails_again() {
        queue.enqueue("old", letter("old", event("old", 0)));
        queue.enqueue("old", letter("old", event("old", 1)));
        queue.enqueue("new", letter("new", event("new", 0)));
        queue.enqueue("new", letter("new", event("new", 1)));
        List<String> handled = new ArrayList<>();

        boolean walked = queue.process(letter -> {
            DomainEventMessage<?> message = (DomainEventMessage<?>) letter.message();
            handled.add(message.getAggregateIdentifier() + "@" + message.getSequenceNumber());
            return Decisions.evict();
        });
        assertThat(walked).isTrue();
        assertThat(handled).containsExactly("old@0", "old@1");
        assertThat(queue.contains("old")).isFalse();

        boolean failed = queue.process(letter -> Decisions.requeue(new IllegalStateException("again")));
        assertThat(failed).isFalse();
        assertThat(queue.sequenceSize("new")).isEqualTo(2);
        assertThat(queue.deadLetterSequence("new")
                        .iterator()
                        .next()
                        .cause()
                        .orElseThrow()
                        .type())
                .isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void a_claimed_sequence_is_not_processed_by_another_instance() {
        queue.enqueue("a", letter("a", event("a", 0)));
        AtomicBoolean otherGotIt = new AtomicBoolean();

        queue.process(letter -> {
            otherGotIt.set(otherInstance.process(other -> Decisions.evict()));
            return Decisions.evict();
        });

        assertThat(otherGotIt).isFalse();
        assertThat(queue.contains("a")).isFalse();
    }

    @Test
    void the_filter_sees_the_first_letter_without_reading_the_log() {
        queue.enqueue("a", letter("a", event("a", 0)));

        boolean processed = queue.process(letter -> false, letter -> Decisions.evict());

        assertThat(processed).isFalse();
        assertThat(reads).isEmpty();
        assertThat(queue.contains("a")).isTrue();
    }

    @Test
    void clear_empties_only_this_processors_queue() {
        queue.enqueue("a", letter("a", event("a", 0)));
        otherProcessor.enqueue("a", letter("a", event("a", 0)));

        queue.clear();

        assertThat(queue.size()).isZero();
        assertThat(otherProcessor.size()).isEqualTo(1);
    }

    @Test
    void the_admin_view_shows_a_space_its_own_letters_and_those_that_name_no_space() {
        queue.enqueue("a", letter("a", event("a", 0).andMetaData(Map.of("spaceId", "space-1"))));
        queue.enqueue("b", letter("b", event("b", 0).andMetaData(Map.of("spaceId", "space-2"))));
        queue.enqueue("c", letter("c", event("c", 0)));

        assertThat(parkedEvents.list("space-1", 10, null).data())
                .extracting(ParkedEventView::stream)
                .containsExactlyInAnyOrder("session-a", "session-c");
        String othersLetter = collection
                .find(new Document("stream", "session-b"))
                .first()
                .getObjectId("_id")
                .toHexString();
        assertThatThrownBy(() -> parkedEvents.evict("space-1", othersLetter)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> parkedEvents.requestRetry("space-1", othersLetter))
                .isInstanceOf(ApiException.class);
        parkedEvents.evict("space-2", othersLetter);
        assertThat(parkedEvents.list("space-2", 10, null).data())
                .extracting(ParkedEventView::stream)
                .containsExactly("session-c");
    }

    private TrackedEventMessage<?> event(String aggregate, long revision) {
        position += 100;
        TrackedEventMessage<?> message = new GenericTrackedDomainEventMessage<>(
                new EventStoreDbPositionToken(position, position),
                new GenericDomainEventMessage<>("Session", aggregate, revision, new Secret("top secret value")));
        log.put("session-" + aggregate + "@" + revision, message);
        return message;
    }

    private static DeadLetter<EventMessage<?>> letter(String sequence, EventMessage<?> message) {
        return new GenericDeadLetter<>(sequence, message);
    }

    private static List<String> messagesOf(Iterable<DeadLetter<? extends EventMessage<?>>> letters) {
        List<String> identifiers = new ArrayList<>();
        letters.forEach(letter -> identifiers.add(letter.message().getIdentifier()));
        return identifiers;
    }
}
