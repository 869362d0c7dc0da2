package dev.ledgerloop.eventstore.embedded.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamDeletedException;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WriteResult;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean stop and start on the same data directory serves exactly what was there, deletions included. */
class RestartTest {
    @TempDir
    Path dataDirectory;

    @Test
    void streamsDeletionsAndRevisionsSurviveARestart() throws Exception {
        List<RecordedEvent> before = run(client -> {
            append(client, "orders", ExpectedRevision.noStream(), event("Placed"), event("Paid"));
            append(client, "soft", ExpectedRevision.noStream(), event("Gone"));
            append(client, "hard", ExpectedRevision.noStream(), event("Gone"));
            client.deleteStream("soft").get(5, TimeUnit.SECONDS);
            client.tombstoneStream("hard").get(5, TimeUnit.SECONDS);
            return read(client, "orders");
        });

        run(client -> {
            assertThat(read(client, "orders"))
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(before);
            assertThat(cause(() -> read(client, "soft"))).isInstanceOf(StreamNotFoundException.class);
            assertThat(cause(() -> append(client, "hard", ExpectedRevision.any(), event("Again"))))
                    .isInstanceOf(StreamDeletedException.class);

            WriteResult next = append(client, "orders", ExpectedRevision.expectedRevision(1), event("Shipped"));
            assertThat(next.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(2));
            WriteResult recreated = append(client, "soft", ExpectedRevision.noStream(), event("Back"));
            assertThat(recreated.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(1));
            return null;
        });

        run(client -> {
            assertThat(read(client, "orders"))
                    .extracting(RecordedEvent::getEventType)
                    .containsExactly("Placed", "Paid", "Shipped");
            assertThat(read(client, "soft"))
                    .extracting(RecordedEvent::getEventType)
                    .containsExactly("Back");
            return null;
        });
    }

    private <T> T run(ClientWork<T> work) throws Exception {
        try (EmbeddedEventStoreNode node =
                EmbeddedEventStoreNode.start(NodeSettings.of(dataDirectory).withPort(0))) {
            EventStoreDBClient client =
                    EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
            try {
                return work.apply(client);
            } finally {
                client.shutdown().get(5, TimeUnit.SECONDS);
            }
        }
    }

    private interface ClientWork<T> {
        T apply(EventStoreDBClient client) throws Exception;
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static Throwable cause(Call call) {
        try {
            call.call();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("Expected the call to fail");
    }

    private static WriteResult append(
            EventStoreDBClient client, String stream, ExpectedRevision expected, EventData... events) throws Exception {
        return client.appendToStream(stream, AppendToStreamOptions.get().expectedRevision(expected), events)
                .get(5, TimeUnit.SECONDS);
    }

    private static List<RecordedEvent> read(EventStoreDBClient client, String stream) throws Exception {
        return client.readStream(stream, ReadStreamOptions.get()).get(5, TimeUnit.SECONDS).getEvents().stream()
                .map(ResolvedEvent::getEvent)
                .toList();
    }

    private static EventData event(String type) {
        return EventDataBuilder.binary(UUID.randomUUID(), type, type.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
