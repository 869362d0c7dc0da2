package dev.ledgerloop.eventstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsGrpc;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded node does where the conformance suite only asks that "a request fails": the exact statuses
 * it answers with, and features the suite does not cover.
 */
class EmbeddedNodeBehaviourTest {
    @TempDir
    static Path dataDirectory;

    private static EmbeddedEventStoreNode node;
    private static EventStoreDBClient client;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        node = EmbeddedEventStoreNode.start(NodeSettings.of(dataDirectory).withPort(0));
        client = EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
        channel = ManagedChannelBuilder.forAddress("localhost", node.port())
                .usePlaintext()
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        client.shutdown().get(5, TimeUnit.SECONDS);
        node.close();
    }

    @Test
    void a_read_without_options_is_an_invalid_argument() {
        StreamsGrpc.StreamsBlockingStub streams = StreamsGrpc.newBlockingStub(channel);

        assertThatThrownBy(() -> streams.read(ReadReq.getDefaultInstance()).hasNext())
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        error -> assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void a_read_with_an_invalid_filter_regex_is_an_invalid_argument() {
        ReadReq request = ReadReq.newBuilder()
                .setOptions(ReadReq.Options.newBuilder()
                        .setAll(ReadReq.Options.AllOptions.newBuilder().setStart(Shared.Empty.getDefaultInstance()))
                        .setSubscription(ReadReq.Options.SubscriptionOptions.getDefaultInstance())
                        .setFilter(ReadReq.Options.FilterOptions.newBuilder()
                                .setEventType(ReadReq.Options.FilterOptions.Expression.newBuilder()
                                        .setRegex("(unclosed"))
                                .setCount(Shared.Empty.getDefaultInstance())))
                .build();

        assertThatThrownBy(
                        () -> StreamsGrpc.newBlockingStub(channel).read(request).hasNext())
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        error -> assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void a_stream_name_that_is_not_utf8_is_refused() {
        assertThatThrownBy(() -> StreamsGrpc.newBlockingStub(channel)
                        .read(ReadReq.newBuilder()
                                .setOptions(ReadReq.Options.newBuilder()
                                        .setStream(ReadReq.Options.StreamOptions.newBuilder()
                                                .setStreamIdentifier(Shared.StreamIdentifier.newBuilder()
                                                        .setStreamName(ByteString.copyFrom(new byte[] {(byte) 0xc3})))
                                                .setStart(Shared.Empty.getDefaultInstance()))
                                        .setCount(1))
                                .build())
                        .hasNext())
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        error -> assertThat(error.getStatus().getDescription()).contains("UTF-8"));
    }

    @Test
    void appends_to_all_are_refused() {
        assertThatThrownBy(() -> client.appendToStream(
                                "$all",
                                AppendToStreamOptions.get(),
                                EventDataBuilder.json(UUID.randomUUID(), "T", new byte[] {'{', '}'})
                                        .build())
                        .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(StatusRuntimeException.class, error -> {
                    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(error.getTrailers().get(Metadata.Key.of("exception", Metadata.ASCII_STRING_MARSHALLER)))
                            .isEqualTo("bad-request");
                });
    }

    @Test
    void link_events_resolve_to_the_event_they_point_at_when_asked() throws Exception {
        String target = "target-" + UUID.randomUUID();
        String links = "links-" + UUID.randomUUID();
        client.appendToStream(
                        target,
                        EventDataBuilder.json(UUID.randomUUID(), "Real", bytes("{\"x\":1}"))
                                .build())
                .get(5, TimeUnit.SECONDS);
        client.appendToStream(
                        links,
                        EventDataBuilder.binary(UUID.randomUUID(), "$>", bytes("0@" + target))
                                .build())
                .get(5, TimeUnit.SECONDS);

        List<ResolvedEvent> resolved = client.readStream(
                        links, ReadStreamOptions.get().resolveLinkTos(true))
                .get(5, TimeUnit.SECONDS)
                .getEvents();
        List<ResolvedEvent> raw = client.readStream(links, ReadStreamOptions.get())
                .get(5, TimeUnit.SECONDS)
                .getEvents();

        assertThat(resolved.get(0).getEvent().getStreamId()).isEqualTo(target);
        assertThat(resolved.get(0).getEvent().getEventType()).isEqualTo("Real");
        assertThat(resolved.get(0).getLink().getStreamId()).isEqualTo(links);
        assertThat(raw.get(0).getEvent().getEventType()).isEqualTo("$>");
        assertThat(raw.get(0).getLink()).isNull();
    }

    @Test
    void an_append_with_any_expectation_retried_with_the_same_ids_is_not_written_twice() throws Exception {
        String stream = "retry-" + UUID.randomUUID();
        var event =
                EventDataBuilder.json(UUID.randomUUID(), "Once", bytes("{}")).build();

        client.appendToStream(stream, AppendToStreamOptions.get().expectedRevision(ExpectedRevision.any()), event)
                .get(5, TimeUnit.SECONDS);
        var retry = client.appendToStream(
                        stream, AppendToStreamOptions.get().expectedRevision(ExpectedRevision.any()), event)
                .get(5, TimeUnit.SECONDS);

        assertThat(retry.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(0));
        assertThat(client.readStream(stream, ReadStreamOptions.get())
                        .get(5, TimeUnit.SECONDS)
                        .getEvents())
                .hasSize(1);
    }

    @Test
    void a_second_node_on_the_same_data_directory_is_refused() {
        assertThatThrownBy(() -> EmbeddedEventStoreNode.start(
                        NodeSettings.of(dataDirectory).withPort(0)))
                .hasMessageContaining("in use by another node");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
