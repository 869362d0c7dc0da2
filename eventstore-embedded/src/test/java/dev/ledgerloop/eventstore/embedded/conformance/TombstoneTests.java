package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.failure;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.options;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.DeleteStreamOptions;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.StreamDeletedException;
import com.eventstore.dbclient.WrongExpectedVersionException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tombstones (hard deletes): the stream is gone for good, for reads, appends and another tombstone. */
interface TombstoneTests extends ServerUnderTest {
    @Test
    default void a_tombstoned_stream_refuses_appends() throws Exception {
        String stream = streamName("tombstone");
        append(stream, ExpectedRevision.noStream(), numbered(0));
        client().tombstoneStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        StreamDeletedException error = failure(
                client().appendToStream(stream, options(ExpectedRevision.any()), numbered(1)),
                StreamDeletedException.class);

        assertThat(error.getStreamName()).isEqualTo(stream);
    }

    /**
     * EventStoreDB's {@code ReadStreamForwards} fails the read with {@code RpcExceptions.StreamDeleted}; the
     * client's read path passes that status through without mapping it to {@code StreamDeletedException}.
     */
    @Test
    default void reading_a_tombstoned_stream_fails_with_the_stream_deleted_status() throws Exception {
        String stream = streamName("tombstone");
        append(stream, ExpectedRevision.noStream(), numbered(0));
        client().tombstoneStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        StatusRuntimeException error =
                failure(client().readStream(stream, ReadStreamOptions.get()), StatusRuntimeException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(error.getTrailers().get(Metadata.Key.of("exception", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("stream-deleted");
    }

    /** From the client's own {@code DeleteTests.testDeleteStreamWhenAlreadyDeleted}. */
    @Test
    default void tombstoning_a_tombstoned_stream_fails_with_stream_deleted() throws Exception {
        String stream = streamName("tombstone");
        append(stream, ExpectedRevision.noStream(), numbered(0));
        client().tombstoneStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        failure(client().tombstoneStream(stream, DeleteStreamOptions.get()), StreamDeletedException.class);
    }

    /** From the client's own {@code DeleteTests.testDeleteStreamWhenDoesntExist}. */
    @Test
    default void tombstoning_a_missing_stream_that_is_expected_to_exist_fails() {
        failure(
                client().tombstoneStream(
                                streamName("tombstone"),
                                DeleteStreamOptions.get().expectedRevision(ExpectedRevision.streamExists())),
                WrongExpectedVersionException.class);
    }
}
