package dev.ledgerloop.eventstore.embedded.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamDeletedException;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WriteResult;
import com.eventstore.dbclient.WrongExpectedVersionException;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean restart of an in-process node on the same data directory: streams read back identically (revisions,
 * positions, created timestamps, ids, types, data, metadata), soft and hard deletes still hold, and writes carry
 * on at the right revision.
 */
class RestartTest {
    private static final String ORDERS = "orders-1";
    private static final String CUSTOMERS = "customer-42";
    private static final String SOFT_DELETED = "draft-7";
    private static final String TOMBSTONED = "account-closed-9";
    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path dataDirectory;

    private final Random random = new Random(7);

    /** Everything the client sees of one recorded event, comparable with {@code equals}. */
    record Seen(
            String stream,
            long revision,
            UUID eventId,
            String eventType,
            String contentType,
            Instant created,
            long commitPosition,
            long preparePosition,
            String data,
            String metadata) {
        static Seen of(RecordedEvent event) {
            return new Seen(
                    event.getStreamId(),
                    event.getRevision(),
                    event.getEventId(),
                    event.getEventType(),
                    event.getContentType(),
                    event.getCreated(),
                    event.getPosition().getCommitUnsigned(),
                    event.getPosition().getPrepareUnsigned(),
                    HexFormat.of().formatHex(event.getEventData()),
                    HexFormat.of().formatHex(event.getUserMetadata()));
        }
    }

    @Test
    void streams_deletes_and_revisions_survive_a_restart() throws Exception {
        Instant started = Instant.now();
        NodeSettings settings = NodeSettings.of(dataDirectory).withPort(0);
        Map<String, List<Seen>> streamsBefore = new LinkedHashMap<>();
        List<Seen> allBefore;

        try (EmbeddedEventStoreNode node = EmbeddedEventStoreNode.start(settings)) {
            EventStoreDBClient client = connect(node);
            try {
                append(client, ORDERS, ExpectedRevision.noStream(), events(1, true));
                append(client, ORDERS, ExpectedRevision.expectedRevision(0), events(5, false));
                append(client, ORDERS, ExpectedRevision.any(), events(2, true));
                append(client, CUSTOMERS, ExpectedRevision.any(), events(3, false));
                append(client, CUSTOMERS, ExpectedRevision.streamExists(), events(1, true));

                append(client, SOFT_DELETED, ExpectedRevision.any(), events(3, true));
                client.deleteStream(SOFT_DELETED).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                append(client, TOMBSTONED, ExpectedRevision.any(), events(2, false));
                client.tombstoneStream(TOMBSTONED).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

                streamsBefore.put(ORDERS, read(client, ORDERS));
                streamsBefore.put(CUSTOMERS, read(client, CUSTOMERS));
                assertThat(streamsBefore.get(ORDERS))
                        .extracting(Seen::revision)
                        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
                assertThat(streamsBefore.get(CUSTOMERS))
                        .extracting(Seen::revision)
                        .containsExactly(0L, 1L, 2L, 3L);
                assertDeletes(client);
                allBefore = readAll(client);
            } finally {
                shutdown(client);
            }
        }

        for (Seen event : streamsBefore.values().stream().flatMap(List::stream).toList()) {
            assertThat(event.created())
                    .isBetween(started.minusSeconds(5), Instant.now().plusSeconds(5));
        }

        // First restart: everything reads back exactly as before, then writes carry on.
        Seen lastOrder;
        try (EmbeddedEventStoreNode node = EmbeddedEventStoreNode.start(settings)) {
            EventStoreDBClient client = connect(node);
            try {
                assertThat(read(client, ORDERS)).containsExactlyElementsOf(streamsBefore.get(ORDERS));
                assertThat(read(client, CUSTOMERS)).containsExactlyElementsOf(streamsBefore.get(CUSTOMERS));
                assertThat(readAll(client)).containsExactlyElementsOf(allBefore);
                assertDeletes(client);

                // Appends continue at the next revision, with an exact expectation, at a later position.
                List<EventData> more = events(2, true);
                WriteResult result = append(client, ORDERS, ExpectedRevision.expectedRevision(7), more);
                assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(9));
                List<Seen> orders = read(client, ORDERS);
                assertThat(orders).hasSize(10);
                assertThat(orders.subList(0, 8)).containsExactlyElementsOf(streamsBefore.get(ORDERS));
                assertThat(orders.get(8).eventId()).isEqualTo(more.get(0).getEventId());
                assertThat(orders.get(9).eventId()).isEqualTo(more.get(1).getEventId());
                assertThat(orders.get(8).commitPosition())
                        .isGreaterThan(allBefore.get(allBefore.size() - 1).commitPosition());
                assertThat(result.getLogPosition().getCommitUnsigned())
                        .isEqualTo(orders.get(9).commitPosition());
                lastOrder = orders.get(9);

                // A stale expectation is still refused after the restart.
                assertThatThrownBy(() -> append(client, ORDERS, ExpectedRevision.expectedRevision(7), events(1, true)))
                        .hasRootCauseInstanceOf(WrongExpectedVersionException.class);

                // Writing to the soft-deleted stream brings it back, numbering on from where it was deleted.
                List<EventData> revived = events(1, false);
                WriteResult revival = append(client, SOFT_DELETED, ExpectedRevision.any(), revived);
                assertThat(revival.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(3));
                List<Seen> draft = read(client, SOFT_DELETED);
                assertThat(draft).extracting(Seen::revision).containsExactly(3L);
                assertThat(draft.get(0).eventId()).isEqualTo(revived.get(0).getEventId());
            } finally {
                shutdown(client);
            }
        }

        // Second restart: the writes made after the first one are there too.
        try (EmbeddedEventStoreNode node = EmbeddedEventStoreNode.start(settings)) {
            EventStoreDBClient client = connect(node);
            try {
                List<Seen> orders = read(client, ORDERS);
                assertThat(orders).hasSize(10);
                assertThat(orders.get(9)).isEqualTo(lastOrder);
                assertThat(read(client, SOFT_DELETED))
                        .extracting(Seen::revision)
                        .containsExactly(3L);
                assertTombstoned(client);
                WriteResult result = append(client, CUSTOMERS, ExpectedRevision.expectedRevision(3), events(1, true));
                assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(4));
            } finally {
                shutdown(client);
            }
        }
    }

    private void assertDeletes(EventStoreDBClient client) {
        assertThatThrownBy(() -> get(client.readStream(SOFT_DELETED, ReadStreamOptions.get())))
                .as("reading the soft-deleted stream")
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StreamNotFoundException.class);
        assertTombstoned(client);
    }

    private void assertTombstoned(EventStoreDBClient client) {
        // db-client-java 5.4 turns "stream-deleted" into StreamDeletedException for appends and deletes only; a
        // read fails with the status EventStoreDB sends, whose trailers name the exception.
        assertThatThrownBy(() -> get(client.readStream(TOMBSTONED, ReadStreamOptions.get())))
                .as("reading the tombstoned stream")
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(StatusRuntimeException.class, error -> {
                    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(error.getTrailers().get(Metadata.Key.of("exception", Metadata.ASCII_STRING_MARSHALLER)))
                            .isEqualTo("stream-deleted");
                });
        assertThatThrownBy(() -> append(client, TOMBSTONED, ExpectedRevision.any(), events(1, true)))
                .as("appending to the tombstoned stream")
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StreamDeletedException.class);
    }

    private List<EventData> events(int count, boolean json) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    byte[] data;
                    if (json) {
                        data = ("{\"n\":" + random.nextInt(1000) + ",\"note\":\"grüße\"}")
                                .getBytes(StandardCharsets.UTF_8);
                    } else {
                        data = new byte[random.nextInt(2048)];
                        random.nextBytes(data);
                    }
                    byte[] metadata = new byte[random.nextInt(64)];
                    random.nextBytes(metadata);
                    UUID id = UUID.randomUUID();
                    EventDataBuilder builder = json
                            ? EventDataBuilder.json(id, "OrderNoted", data)
                            : EventDataBuilder.binary(id, "BlobAttached", data);
                    return builder.metadataAsBytes(metadata).build();
                })
                .toList();
    }

    private static WriteResult append(
            EventStoreDBClient client, String stream, ExpectedRevision expected, List<EventData> events)
            throws Exception {
        return get(client.appendToStream(
                stream, AppendToStreamOptions.get().expectedRevision(expected), events.iterator()));
    }

    private static List<Seen> read(EventStoreDBClient client, String stream) throws Exception {
        return get(client.readStream(stream, ReadStreamOptions.get().forwards().fromStart())).getEvents().stream()
                .map(ResolvedEvent::getOriginalEvent)
                .map(Seen::of)
                .toList();
    }

    private static List<Seen> readAll(EventStoreDBClient client) throws Exception {
        return get(client.readAll(ReadAllOptions.get().forwards().fromStart())).getEvents().stream()
                .map(ResolvedEvent::getOriginalEvent)
                .map(Seen::of)
                .toList();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static EventStoreDBClient connect(EmbeddedEventStoreNode node) {
        return EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
    }

    private static void shutdown(EventStoreDBClient client) throws Exception {
        client.shutdown().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
