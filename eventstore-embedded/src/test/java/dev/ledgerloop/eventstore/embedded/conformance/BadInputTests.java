package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.failure;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.options;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsGrpc;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests the server refuses (oversized, nameless, malformed) without writing anything or stopping serving. */
interface BadInputTests extends ServerUnderTest {
    @Test
    default void an_append_over_the_maximum_size_is_refused_and_nothing_is_written() throws Exception {
        String stream = streamName("oversized");
        EventData oversized = EventDataBuilder.binary(UUID.randomUUID(), "Big", new byte[(int) maxAppendSize() + 1])
                .build();

        StatusRuntimeException error = failure(
                client().appendToStream(stream, options(ExpectedRevision.any()), oversized),
                StatusRuntimeException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getTrailers().get(Metadata.Key.of("exception", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("maximum-append-size-exceeded");
        failure(client().readStream(stream, ReadStreamOptions.get()), StreamNotFoundException.class);
        assertThat(append(stream, ExpectedRevision.noStream(), numbered(0)).getNextExpectedRevision())
                .isEqualTo(ExpectedRevision.expectedRevision(0));
    }

    @Test
    default void an_append_to_an_empty_stream_name_is_refused_and_the_node_keeps_serving() throws Exception {
        failure(
                client().appendToStream("", options(ExpectedRevision.any()), numbered(0)),
                StatusRuntimeException.class);

        assertThat(append(streamName("after-bad"), ExpectedRevision.noStream(), numbered(0))
                        .getLogPosition())
                .isNotNull();
    }

    @Test
    default void malformed_requests_are_refused_and_the_node_keeps_serving() throws Exception {
        ManagedChannel channel =
                ManagedChannelBuilder.forAddress(host(), port()).usePlaintext().build();
        try {
            StreamsGrpc.StreamsBlockingStub blocking =
                    StreamsGrpc.newBlockingStub(channel).withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Iterator<ReadResp> noOptions = blocking.read(ReadReq.getDefaultInstance());
            assertThatFailsWithStatus(() -> noOptions.hasNext());

            CompletableFuture<AppendResp> eventsWithoutOptions = new CompletableFuture<>();
            StreamObserver<AppendReq> append = StreamsGrpc.newStub(channel)
                    .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .append(completing(eventsWithoutOptions));
            append.onNext(AppendReq.newBuilder()
                    .setProposedMessage(proposedMessage(true))
                    .build());
            append.onCompleted();
            failure(eventsWithoutOptions, StatusRuntimeException.class);

            String stream = streamName("malformed");
            CompletableFuture<AppendResp> eventWithoutType = new CompletableFuture<>();
            StreamObserver<AppendReq> untyped = StreamsGrpc.newStub(channel)
                    .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .append(completing(eventWithoutType));
            untyped.onNext(AppendReq.newBuilder()
                    .setOptions(AppendReq.Options.newBuilder()
                            .setStreamIdentifier(
                                    Shared.StreamIdentifier.newBuilder().setStreamName(ByteString.copyFromUtf8(stream)))
                            .setAny(Shared.Empty.getDefaultInstance()))
                    .build());
            untyped.onNext(AppendReq.newBuilder()
                    .setProposedMessage(proposedMessage(false))
                    .build());
            untyped.onCompleted();
            failure(eventWithoutType, StatusRuntimeException.class);

            failure(client().readStream(stream, ReadStreamOptions.get()), StreamNotFoundException.class);
        } finally {
            channel.shutdownNow().awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(append(streamName("after-malformed"), ExpectedRevision.noStream(), numbered(0))
                        .getLogPosition())
                .isNotNull();
    }

    private static void assertThatFailsWithStatus(Runnable call) {
        try {
            call.run();
            fail("Expected the call to fail with a gRPC status");
        } catch (StatusRuntimeException expected) {
            assertThat(expected.getStatus().getCode()).isNotEqualTo(Status.Code.OK);
        }
    }

    private static AppendReq.ProposedMessage proposedMessage(boolean withType) {
        AppendReq.ProposedMessage.Builder message = AppendReq.ProposedMessage.newBuilder()
                .setId(Shared.UUID.newBuilder().setString(UUID.randomUUID().toString()))
                .putMetadata("content-type", "application/json")
                .setData(ByteString.copyFromUtf8("{}"));
        if (withType) {
            message.putMetadata("type", "Typed");
        }
        return message.build();
    }

    private static <T> StreamObserver<T> completing(CompletableFuture<T> future) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                future.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                future.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                future.complete(null);
            }
        };
    }
}
