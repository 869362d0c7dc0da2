package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ledgerloop.eventstore.fixtures.ProxiedEventStoreNode;
import dev.ledgerloop.eventstore.fixtures.SilencingProxy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wake-up subscription of {@code $all}: one that never opened is given up and opened again by the next reader. */
class NewEventSignalRecoveryTest {
    @RegisterExtension
    static final ProxiedEventStoreNode node = new ProxiedEventStoreNode();

    private final NewEventSignal signal = new NewEventSignal(
            new ClientCalls(node.client(), Duration.ofMillis(300)), Duration.ofMinutes(5), new RecentEvents(8));

    @AfterEach
    void close() {
        signal.close();
    }

    @Test
    void after_a_subscribe_that_timed_out_the_next_call_subscribes_again_and_sees_new_events() {
        node.proxy().silence(NewEventSignalRecoveryTest::isSubscription);
        assertThatThrownBy(signal::current).isInstanceOf(EventStoreUnavailableException.class);

        node.proxy().answerAll();
        long before = signal.current();
        write();

        await().atMost(Duration.ofSeconds(10)).until(() -> signal.current() > before);
    }

    @Test
    void a_subscribe_that_timed_out_fails_only_its_own_call() {
        node.proxy().silence(NewEventSignalRecoveryTest::isSubscription);
        assertThatThrownBy(signal::current).isInstanceOf(EventStoreUnavailableException.class);
        assertThatThrownBy(signal::current)
                .as("still silent: the next call waits for a new subscription, not for the cancelled one")
                .isInstanceOf(EventStoreUnavailableException.class);

        node.proxy().answerAll();

        assertThat(signal.current()).isNotNegative();
    }

    private static boolean isSubscription(SilencingProxy.Call call) {
        if (!call.method().equals("event_store.client.streams.Streams/Read")) {
            return false;
        }
        try {
            return ReadReq.parseFrom(call.firstRequest()).getOptions().hasSubscription();
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static void write() {
        try {
            node.client()
                    .appendToStream(
                            "signal-" + UUID.randomUUID(),
                            AppendToStreamOptions.get(),
                            EventData.builderAsJson("Probed", "{}".getBytes()).build())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
