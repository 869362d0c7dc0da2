package dev.ledgerloop.eventstore.embedded.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The gRPC errors EventStoreDB raises, with the trailers db-client-java reads to turn them into its own exceptions
 * (see the client's {@code GrpcUtils.convertSingleResponse}: {@code exception}, {@code stream-name},
 * {@code expected-version}, {@code actual-version}).
 */
final class RpcErrors {
    static final Metadata.Key<String> EXCEPTION = key("exception");
    static final Metadata.Key<String> STREAM_NAME = key("stream-name");
    static final Metadata.Key<String> EXPECTED_VERSION = key("expected-version");
    static final Metadata.Key<String> ACTUAL_VERSION = key("actual-version");
    static final Metadata.Key<String> MAXIMUM_APPEND_SIZE = key("maximum-append-size");
    static final Metadata.Key<String> REQUIRED_PROPERTIES = key("required-properties");

    private RpcErrors() {}

    static StatusRuntimeException streamDeleted(String stream) {
        Metadata trailers = trailers("stream-deleted");
        trailers.put(STREAM_NAME, stream);
        return Status.FAILED_PRECONDITION
                .withDescription("Event stream '" + stream + "' is deleted.")
                .asRuntimeException(trailers);
    }

    static StatusRuntimeException wrongExpectedVersion(String stream, long expectedRaw, long actualRaw) {
        Metadata trailers = trailers("wrong-expected-version");
        trailers.put(STREAM_NAME, stream);
        trailers.put(EXPECTED_VERSION, Long.toString(expectedRaw));
        trailers.put(ACTUAL_VERSION, Long.toString(actualRaw));
        return Status.FAILED_PRECONDITION
                .withDescription("Append failed due to WrongExpectedVersion. Stream: " + stream + ", Expected version: "
                        + expectedRaw + ", Actual version: " + actualRaw)
                .asRuntimeException(trailers);
    }

    static StatusRuntimeException maximumAppendSizeExceeded(long maxAppendSize) {
        Metadata trailers = trailers("maximum-append-size-exceeded");
        trailers.put(MAXIMUM_APPEND_SIZE, Long.toString(maxAppendSize));
        return Status.INVALID_ARGUMENT
                .withDescription("Maximum Append Size of " + maxAppendSize + " Exceeded.")
                .asRuntimeException(trailers);
    }

    static StatusRuntimeException missingRequiredMetadata(String property) {
        Metadata trailers = trailers("missing-required-metadata-property");
        trailers.put(REQUIRED_PROPERTIES, property);
        return Status.INVALID_ARGUMENT
                .withDescription("Required Metadata Property '" + property + "' is missing")
                .asRuntimeException(trailers);
    }

    static StatusRuntimeException badRequest(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException(trailers("bad-request"));
    }

    private static Metadata trailers(String exception) {
        Metadata trailers = new Metadata();
        trailers.put(EXCEPTION, exception);
        return trailers;
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
