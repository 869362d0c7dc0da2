package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.ofType;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.SubscribeToAllOptions;
import com.eventstore.dbclient.Subscription;
import com.eventstore.dbclient.SubscriptionFilter;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Server-side filters on {@code $all} subscriptions: stream names and event types, prefixes and regexes, checkpoints. */
interface FilteredSubscriptionTests extends ServerUnderTest {
    @Test
    default void an_all_subscription_filtered_by_stream_name_prefix_delivers_only_those_streams() throws Exception {
        String prefix = streamName("filter");
        append(prefix + "-in", ExpectedRevision.noStream(), ofType("A"));
        append(streamName("filter"), ExpectedRevision.noStream(), ofType("B"));
        append(prefix + "-in2", ExpectedRevision.noStream(), ofType("C"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAllFromStart(
                listener,
                SubscriptionFilter.newBuilder().addStreamNamePrefix(prefix).build());

        await().untilAsserted(() -> assertThat(listener.eventTypes()).containsExactly("A", "C"));
        subscription.stop();
    }

    /**
     * db-client-java 5.4 puts a prefix in the filter's {@code regex} field ({@code SubscriptionFilter.addPrefix}
     * calls {@code setRegex}), and EventStoreDB matches a regex anywhere in the name ({@code Regex.IsMatch}): so a
     * "prefix" also matches in the middle of a stream name. Code that relies on prefixes must anchor them itself.
     */
    @Test
    default void a_stream_name_prefix_from_this_client_also_matches_inside_a_name_because_it_is_sent_as_a_regex()
            throws Exception {
        String prefix = streamName("inside");
        append("x-" + prefix, ExpectedRevision.noStream(), ofType("Inside"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAllFromStart(
                listener,
                SubscriptionFilter.newBuilder().addStreamNamePrefix(prefix).build());

        await().untilAsserted(() -> assertThat(listener.eventTypes()).containsExactly("Inside"));
        subscription.stop();
    }

    @Test
    default void an_all_subscription_filtered_by_stream_name_regex_delivers_only_matching_streams() throws Exception {
        String token = UUID.randomUUID().toString().replace("-", "");
        append("rx-" + token + "-1", ExpectedRevision.noStream(), ofType("A"));
        append("rx-" + token + "-x", ExpectedRevision.noStream(), ofType("B"));
        append("rx-" + token + "-2", ExpectedRevision.noStream(), ofType("C"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAllFromStart(
                listener,
                SubscriptionFilter.newBuilder()
                        .withStreamNameRegularExpression("^rx-" + token + "-[0-9]+$")
                        .build());

        await().untilAsserted(() -> assertThat(listener.eventTypes()).containsExactly("A", "C"));
        subscription.stop();
    }

    @Test
    default void an_all_subscription_filtered_by_event_type_prefix_delivers_only_those_types() throws Exception {
        String type = "T" + UUID.randomUUID().toString().replace("-", "");
        String stream = streamName("types");
        append(stream, ExpectedRevision.noStream(), ofType(type + "Opened"), ofType("Other"), ofType(type + "Closed"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAllFromStart(
                listener,
                SubscriptionFilter.newBuilder().addEventTypePrefix(type).build());

        await().untilAsserted(
                        () -> assertThat(listener.eventTypes()).containsExactly(type + "Opened", type + "Closed"));
        subscription.stop();
    }

    /** The usual way to leave out system events: an event-type regex that refuses a leading {@code $}. */
    @Test
    default void an_all_subscription_filtered_by_event_type_regex_can_exclude_system_events() throws Exception {
        String stream = streamName("nosystem");
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAllFromStart(
                listener,
                SubscriptionFilter.newBuilder()
                        .withEventTypeRegularExpression("^[^\\$].*")
                        .build());
        append(stream, ExpectedRevision.noStream(), ofType("Visible"));

        await().untilAsserted(() -> assertThat(listener.events)
                .anySatisfy(event -> assertThat(event.getStreamId()).isEqualTo(stream)));
        assertThat(listener.events)
                .noneSatisfy(event -> assertThat(event.getEventType()).startsWith("$"));
        subscription.stop();
    }

    /**
     * A filtered subscription reports checkpoints while it scans events that do not match, so a consumer with a
     * rare filter can persist its progress (client docs, "Server-side filtering / Checkpointing").
     */
    @Test
    default void a_filtered_subscription_reports_checkpoints_while_scanning_non_matching_events() throws Exception {
        String stream = streamName("checkpoint");
        append(stream, ExpectedRevision.noStream(), numbered(0, 100).toArray(EventData[]::new));
        Position last = readStream(stream).getEvents().get(99).getEvent().getPosition();
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAll(
                listener,
                SubscribeToAllOptions.get()
                        .fromStart()
                        .filter(SubscriptionFilter.newBuilder()
                                .addEventTypePrefix("NothingHasThisType" + UUID.randomUUID())
                                .withMaxWindow(10)
                                .withCheckpointer(listener, 1)
                                .build()));
        append(stream, ExpectedRevision.expectedRevision(99), numbered(100, 100).toArray(EventData[]::new));

        await().untilAsserted(() -> assertThat(listener.checkpoints)
                .anySatisfy(checkpoint -> assertThat(checkpoint).isGreaterThan(last)));
        for (int i = 1; i < listener.checkpoints.size(); i++) {
            assertThat(listener.checkpoints.get(i)).isGreaterThanOrEqualTo(listener.checkpoints.get(i - 1));
        }
        assertThat(listener.events).isEmpty();
        subscription.stop();
    }

    private Subscription subscribeToAllFromStart(RecordingListener listener, SubscriptionFilter filter)
            throws Exception {
        return subscribeToAll(listener, SubscribeToAllOptions.get().fromStart().filter(filter));
    }
}
