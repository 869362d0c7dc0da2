package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.position;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code $all}: log order, both directions from a position, and the system streams it holds. */
interface ReadAllTests extends ServerUnderTest {
    @Test
    default void reading_all_forwards_returns_every_event_in_log_order() throws Exception {
        String stream = streamName("all");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        append(streamName("all-other"), ExpectedRevision.noStream(), numbered(0));
        append(stream, ExpectedRevision.expectedRevision(2), numbered(3));

        List<ResolvedEvent> all = readAll(ReadAllOptions.get().forwards().fromStart());

        for (int i = 1; i < all.size(); i++) {
            assertThat(position(all.get(i))).isGreaterThan(position(all.get(i - 1)));
        }
        assertThat(all.stream()
                        .map(ResolvedEvent::getEvent)
                        .filter(event -> event.getStreamId().equals(stream))
                        .map(RecordedEvent::getRevision))
                .containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    default void reading_all_backwards_from_the_end_starts_with_the_newest_event() throws Exception {
        String stream = streamName("all");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));

        List<ResolvedEvent> newest =
                readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(2));

        assertThat(newest).extracting(e -> e.getEvent().getStreamId()).containsOnly(stream);
        assertThat(newest).extracting(e -> e.getEvent().getRevision()).containsExactly(2L, 1L);
    }

    /**
     * EventStoreDB's {@code ReadAllEventsForward} starts at the given position (inclusive) and
     * {@code ReadAllEventsBackward} before it (exclusive): the usual paging contract of the client's docs
     * ("Reading from the $all stream").
     */
    @Test
    default void reading_all_from_a_position_includes_it_forwards_and_excludes_it_backwards() throws Exception {
        String stream = streamName("all");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        Position middle = readStream(stream).getEvents().get(1).getEvent().getPosition();

        List<ResolvedEvent> forwards =
                readAll(ReadAllOptions.get().forwards().fromPosition(middle).maxCount(2));
        List<ResolvedEvent> backwards =
                readAll(ReadAllOptions.get().backwards().fromPosition(middle).maxCount(1));

        assertThat(forwards).extracting(e -> e.getEvent().getRevision()).containsExactly(1L, 2L);
        assertThat(backwards).extracting(e -> e.getEvent().getRevision()).containsExactly(0L);
    }

    @Test
    default void all_holds_system_streams_that_clients_filter_out() throws Exception {
        List<ResolvedEvent> all = readAll(ReadAllOptions.get().forwards().fromStart());

        assertThat(all).anySatisfy(e -> assertThat(e.getEvent().getStreamId()).startsWith("$"));
        assertThat(all).anySatisfy(e -> assertThat(e.getEvent().getEventType()).startsWith("$"));
    }
}
