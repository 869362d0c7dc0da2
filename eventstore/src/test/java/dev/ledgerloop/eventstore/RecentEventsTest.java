package dev.ledgerloop.eventstore;

import static dev.ledgerloop.eventstore.TestEvents.history;
import static dev.ledgerloop.eventstore.TestEvents.newCounterId;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The newest events kept for followers: only what is known to be complete after a position is answered. */
class RecentEventsTest {
    @RegisterExtension
    static final EventStoreNode node = new EventStoreNode();

    private static List<RecordedEvent> events;

    @BeforeAll
    static void writeSixEvents() throws Exception {
        EventStoreDbStorageEngine engine =
                EventStoreDbStorageEngine.builder().client(node.client()).build();
        engine.appendEvents(history(newCounterId(), 6));
        engine.close();
        List<RecordedEvent> newestFirst =
                node.client().readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(6)).get().getEvents().stream()
                        .map(ResolvedEvent::getEvent)
                        .collect(Collectors.toList());
        Collections.reverse(newestFirst);
        events = List.copyOf(newestFirst);
    }

    @Test
    void answers_every_event_after_a_position_it_covers_and_null_before_it() {
        RecentEvents recent = new RecentEvents(10);
        long run = recent.startAfter(position(0));
        events.subList(1, 6).forEach(event -> recent.add(run, event));

        assertThat(recent.after(position(0), 10)).containsExactlyElementsOf(events.subList(1, 6));
        assertThat(recent.after(position(2), 2)).containsExactlyElementsOf(events.subList(3, 5));
        assertThat(recent.after(position(5), 10)).isEmpty();
        assertThat(recent.after(EventStoreDbPositionToken.TAIL, 10)).isNull();
    }

    @Test
    void dropping_the_oldest_moves_what_it_covers() {
        RecentEvents recent = new RecentEvents(2);
        long run = recent.startAfter(position(0));
        events.subList(1, 6).forEach(event -> recent.add(run, event));

        assertThat(recent.after(position(2), 10)).isNull();
        assertThat(recent.after(position(3), 10)).containsExactlyElementsOf(events.subList(4, 6));
    }

    @Test
    void events_of_an_earlier_run_and_repeats_are_ignored_and_forgetting_covers_nothing() {
        RecentEvents recent = new RecentEvents(10);
        long earlier = recent.startAfter(position(0));
        long run = recent.startAfter(position(0));
        recent.add(earlier, events.get(1));
        recent.add(run, events.get(1));
        recent.add(run, events.get(1));
        recent.add(run, events.get(2));

        assertThat(recent.after(position(0), 10)).containsExactlyElementsOf(events.subList(1, 3));

        recent.forget();
        recent.add(run, events.get(3));
        assertThat(recent.after(position(2), 10)).isNull();
    }

    private static EventStoreDbPositionToken position(int index) {
        return EventStoreDbPositionToken.at(events.get(index).getPosition());
    }
}
