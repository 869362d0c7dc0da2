package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages from a {@link ReadSource} to a server-streaming call while the transport is ready, on a shared
 * executor. It stops when the client's buffer is full (gRPC flow control; resumed by the on-ready callback) and
 * when a subscription has caught up (resumed by the store when more events become durable), so an idle or slow
 * subscriber holds no thread.
 */
final class ResponsePump implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ResponsePump.class);

    private final ServerCallStreamObserver<ReadResp> call;
    private final ReadSource source;
    private final StreamDatabase store;
    private final Executor executor;
    private final AtomicInteger scheduled = new AtomicInteger();
    private volatile boolean done;

    private ResponsePump(
            ServerCallStreamObserver<ReadResp> call, ReadSource source, StreamDatabase store, Executor executor) {
        this.call = call;
        this.source = source;
        this.store = store;
        this.executor = executor;
    }

    /** Must be called from the service method itself: gRPC only accepts the handlers before it returns. */
    static void start(
            ServerCallStreamObserver<ReadResp> call, ReadSource source, StreamDatabase store, Executor executor) {
        ResponsePump pump = new ResponsePump(call, source, store, executor);
        call.setOnCancelHandler(() -> pump.done = true);
        call.setOnReadyHandler(pump::schedule);
        pump.schedule();
    }

    private void schedule() {
        if (done || scheduled.getAndIncrement() != 0) {
            return;
        }
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            done = true;
        }
    }

    @Override
    public void run() {
        int missed = 1;
        do {
            pump();
            missed = scheduled.addAndGet(-missed);
        } while (missed != 0);
    }

    private void pump() {
        try {
            while (!done && call.isReady()) {
                ReadResp message = source.next();
                if (message != null) {
                    call.onNext(message);
                } else if (source.finished()) {
                    done = true;
                    call.onCompleted();
                } else {
                    store.whenDurableBeyond(source.seenEnd(), this::schedule);
                    return;
                }
            }
        } catch (StatusRuntimeException e) {
            fail(e);
        } catch (RuntimeException e) {
            log.error("Read failed", e);
            fail(Status.INTERNAL.withDescription("Read failed on the node").asRuntimeException());
        }
    }

    private void fail(StatusRuntimeException error) {
        done = true;
        try {
            call.onError(error);
        } catch (IllegalStateException alreadyClosed) {
            log.debug("Call closed before the error could be sent");
        }
    }
}
