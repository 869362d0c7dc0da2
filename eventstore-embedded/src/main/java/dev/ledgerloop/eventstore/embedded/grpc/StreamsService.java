package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsGrpc;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.DeleteReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.DeleteResp;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.TombstoneReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.TombstoneResp;
import dev.ledgerloop.eventstore.embedded.store.RevisionExpectation;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;
import dev.ledgerloop.eventstore.embedded.store.WriteOutcome;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code event_store.client.streams.Streams} service: append, read (reads and catch-up subscriptions), delete
 * and tombstone. {@code BatchAppend} is left unimplemented: db-client-java 5.4 never calls it, and the node does
 * not advertise it in server features.
 */
public final class StreamsService extends StreamsGrpc.StreamsImplBase {
    private static final Logger log = LoggerFactory.getLogger(StreamsService.class);
    private static final Shared.Empty EMPTY = Shared.Empty.getDefaultInstance();

    private final StreamDatabase store;
    private final Executor readers;
    private final long maxAppendSize;

    public StreamsService(StreamDatabase store, Executor readers, long maxAppendSize) {
        this.store = store;
        this.readers = readers;
        this.maxAppendSize = maxAppendSize;
    }

    @Override
    public StreamObserver<AppendReq> append(StreamObserver<AppendResp> responses) {
        return new AppendCall(
                responses, maxAppendSize, (stream, expected, events) -> store.append(stream, expected, events)
                        .thenApply(result -> toAppendResp(stream, result)));
    }

    private static AppendResp toAppendResp(String stream, WriteOutcome result) {
        if (result instanceof WriteOutcome.Written written) {
            AppendResp.Success.Builder success = AppendResp.Success.newBuilder();
            if (written.currentRevision() < 0) {
                success.setNoStream(Shared.Empty.getDefaultInstance());
            } else {
                success.setCurrentRevision(written.currentRevision());
            }
            if (written.position() < 0) {
                success.setNoPosition(Shared.Empty.getDefaultInstance());
            } else {
                success.setPosition(AppendResp.Position.newBuilder()
                        .setCommitPosition(written.position())
                        .setPreparePosition(written.position()));
            }
            return AppendResp.newBuilder().setSuccess(success).build();
        }
        if (result instanceof WriteOutcome.WrongExpectedRevision wrong) {
            return AppendResp.newBuilder()
                    .setWrongExpectedVersion(
                            RevisionExpectations.wrongExpectedVersion(wrong.currentRevision(), wrong.expected()))
                    .build();
        }
        throw RpcErrors.streamDeleted(stream);
    }

    @Override
    public void read(ReadReq request, StreamObserver<ReadResp> responses) {
        ServerCallStreamObserver<ReadResp> call = (ServerCallStreamObserver<ReadResp>) responses;
        ReadSource source;
        try {
            source = readSource(request.getOptions());
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        ResponsePump.start(call, source, store, readers);
    }

    private ReadSource readSource(ReadReq.Options options) {
        boolean subscription =
                switch (options.getCountOptionCase()) {
                    case COUNT -> false;
                    case SUBSCRIPTION -> true;
                    default -> throw RpcErrors.badRequest("Read needs a count or subscription option");
                };
        if (subscription && options.getReadDirection() != ReadReq.Options.ReadDirection.Forwards) {
            throw RpcErrors.badRequest("Subscriptions only read forwards");
        }
        switch (options.getStreamOptionCase()) {
            case STREAM -> {
                String stream = Wire.streamName(options.getStream().getStreamIdentifier());
                return subscription
                        ? new StreamSubscription(store, options, stream)
                        : new StreamRead(store, options, stream);
            }
            case ALL -> {
                AllFilter filter = AllFilter.of(options);
                return subscription ? new AllSubscription(store, options, filter) : new AllRead(store, options, filter);
            }
            default -> throw RpcErrors.badRequest("Read needs a stream or $all option");
        }
    }

    @Override
    public void delete(DeleteReq request, StreamObserver<DeleteResp> responses) {
        DeleteReq.Options options = request.getOptions();
        unary(responses, () -> removal(options.getStreamIdentifier(), RevisionExpectations.of(options), store::delete)
                .thenApply(position -> position < 0
                        ? DeleteResp.newBuilder().setNoPosition(EMPTY).build()
                        : DeleteResp.newBuilder()
                                .setPosition(DeleteResp.Position.newBuilder()
                                        .setCommitPosition(position)
                                        .setPreparePosition(position))
                                .build()));
    }

    @Override
    public void tombstone(TombstoneReq request, StreamObserver<TombstoneResp> responses) {
        TombstoneReq.Options options = request.getOptions();
        unary(responses, () -> removal(
                        options.getStreamIdentifier(), RevisionExpectations.of(options), store::tombstone)
                .thenApply(position -> position < 0
                        ? TombstoneResp.newBuilder().setNoPosition(EMPTY).build()
                        : TombstoneResp.newBuilder()
                                .setPosition(TombstoneResp.Position.newBuilder()
                                        .setCommitPosition(position)
                                        .setPreparePosition(position))
                                .build()));
    }

    /** A delete or tombstone: the position of the record it wrote, or -1. */
    private static CompletableFuture<Long> removal(
            Shared.StreamIdentifier identifier,
            RevisionExpectation expected,
            BiFunction<String, RevisionExpectation, CompletableFuture<WriteOutcome>> operation) {
        String stream = Wire.writableStreamName(identifier);
        return operation.apply(stream, expected).thenApply(result -> writtenPosition(stream, expected, result));
    }

    /** Deletes answer a failed expectation with an error, not a message (the client's {@code GrpcUtils}). */
    private static long writtenPosition(String stream, RevisionExpectation expected, WriteOutcome result) {
        if (result instanceof WriteOutcome.Written written) {
            return written.position();
        }
        if (result instanceof WriteOutcome.WrongExpectedRevision wrong) {
            throw RpcErrors.wrongExpectedVersion(stream, expected.raw(), wrong.currentRevision());
        }
        throw RpcErrors.streamDeleted(stream);
    }

    private static <T> void unary(StreamObserver<T> responses, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> answer;
        try {
            answer = call.get();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        reply(responses, answer);
    }

    static <T> void reply(StreamObserver<T> responses, CompletableFuture<T> answer) {
        answer.whenComplete((value, error) -> {
            if (error == null) {
                responses.onNext(value);
                responses.onCompleted();
                return;
            }
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof StatusRuntimeException status) {
                responses.onError(status);
            } else {
                log.error("Write failed", cause);
                responses.onError(Status.UNAVAILABLE
                        .withDescription("The node cannot write")
                        .asRuntimeException());
            }
        });
    }
}
