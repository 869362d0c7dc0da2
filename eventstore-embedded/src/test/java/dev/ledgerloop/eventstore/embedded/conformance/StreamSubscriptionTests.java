package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.timeout;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.SubscribeToStreamOptions;
import com.eventstore.dbclient.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catch-up subscriptions to one stream: where they start, catching up, live events, stopping, fan-out. */
interface StreamSubscriptionTests extends ServerUnderTest {
    @Test
    default void a_stream_subscription_delivers_past_events_then_catches_up_then_delivers_live_events()
            throws Exception {
        String stream = streamName("sub");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromStart());
        await().until(() -> listener.timeline.contains("CAUGHT_UP"));
        append(stream, ExpectedRevision.expectedRevision(2), numbered(3), numbered(4));

        await().untilAsserted(() -> assertThat(listener.timeline)
                .containsExactly(
                        stream + "@0", stream + "@1", stream + "@2", "CAUGHT_UP", stream + "@3", stream + "@4"));
        subscription.stop();
    }

    /** EventStoreDB's {@code StreamSubscription}: a start revision means "after this revision". */
    @Test
    default void a_stream_subscription_from_a_revision_starts_after_it() throws Exception {
        String stream = streamName("sub");
        append(stream, ExpectedRevision.noStream(), numbered(0, 5).toArray(EventData[]::new));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromRevision(2));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(3L, 4L));
        subscription.stop();
    }

    @Test
    default void a_stream_subscription_from_the_end_delivers_only_new_events() throws Exception {
        String stream = streamName("sub");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromEnd());
        append(stream, ExpectedRevision.expectedRevision(2), numbered(3));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(3L));
        subscription.stop();
    }

    @Test
    default void a_subscription_to_a_stream_that_does_not_exist_yet_delivers_its_first_events() throws Exception {
        String stream = streamName("sub");
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromStart());
        append(stream, ExpectedRevision.noStream(), numbered(0), numbered(1));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(0L, 1L));
        subscription.stop();
    }

    @Test
    default void a_stopped_subscription_receives_nothing_more() throws Exception {
        String stream = streamName("stop");
        RecordingListener listener = new RecordingListener();
        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromStart());
        append(stream, ExpectedRevision.noStream(), numbered(0));
        await().until(() -> listener.events.size() == 1);

        subscription.stop();
        append(stream, ExpectedRevision.expectedRevision(0), numbered(1));

        await().during(Duration.ofMillis(500)).atMost(timeout()).until(() -> listener.events.size() == 1);
        assertThat(listener.cancelled).isNotCompletedExceptionally();
    }

    @Test
    default void many_subscribers_to_one_stream_all_receive_every_event() throws Exception {
        String stream = streamName("fanout");
        List<RecordingListener> listeners = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            subscriptions.add(subscribeToStream(
                    stream, listener, SubscribeToStreamOptions.get().fromStart()));
        }

        for (int i = 0; i < 10; i++) {
            append(stream, ExpectedRevision.any(), numbered(i));
        }

        await().untilAsserted(() -> assertThat(listeners)
                .allSatisfy(listener -> assertThat(listener.revisions()).hasSize(10)));
        subscriptions.forEach(Subscription::stop);
    }
}
