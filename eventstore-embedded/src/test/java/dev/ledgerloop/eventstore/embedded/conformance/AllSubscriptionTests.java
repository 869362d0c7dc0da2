package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.SubscribeToAllOptions;
import com.eventstore.dbclient.Subscription;
import org.junit.jupiter.api.Test;

/** Catch-up subscriptions to {@code $all}: where they start, catching up and live events. */
interface AllSubscriptionTests extends ServerUnderTest {
    @Test
    default void an_all_subscription_from_the_start_delivers_past_and_live_events_in_order() throws Exception {
        String prefix = streamName("suball");
        String stream = prefix + "-a";
        append(stream, ExpectedRevision.noStream(), numbered(0, 2).toArray(EventData[]::new));
        RecordingListener listener = RecordingListener.forStreamsStartingWith(prefix);

        Subscription subscription =
                subscribeToAll(listener, SubscribeToAllOptions.get().fromStart());
        await().until(() -> listener.timeline.contains("CAUGHT_UP"));
        append(stream, ExpectedRevision.expectedRevision(1), numbered(2));

        await().untilAsserted(() -> assertThat(listener.timeline)
                .containsExactly(stream + "@0", stream + "@1", "CAUGHT_UP", stream + "@2"));
        subscription.stop();
    }

    /** EventStoreDB's {@code AllSubscription} skips events at or before the start position. */
    @Test
    default void an_all_subscription_from_a_position_starts_after_it() throws Exception {
        String prefix = streamName("suball");
        String stream = prefix + "-a";
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        Position first = readStream(stream).getEvents().get(0).getEvent().getPosition();
        RecordingListener listener = RecordingListener.forStreamsStartingWith(prefix);

        Subscription subscription =
                subscribeToAll(listener, SubscribeToAllOptions.get().fromPosition(first));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(1L, 2L));
        subscription.stop();
    }

    @Test
    default void an_all_subscription_from_the_end_delivers_only_new_events() throws Exception {
        String prefix = streamName("suball");
        append(prefix + "-old", ExpectedRevision.noStream(), numbered(0));
        RecordingListener listener = RecordingListener.forStreamsStartingWith(prefix);

        Subscription subscription =
                subscribeToAll(listener, SubscribeToAllOptions.get().fromEnd());
        append(prefix + "-new", ExpectedRevision.noStream(), numbered(0));

        await().untilAsserted(() -> assertThat(listener.events)
                .extracting(RecordedEvent::getStreamId)
                .containsExactly(prefix + "-new"));
        subscription.stop();
    }
}
