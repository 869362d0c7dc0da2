package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The messages of one {@code Read} call (a read or a subscription), pulled one at a time by a {@link ResponsePump}
 * so that a slow client holds back only its own call.
 */
abstract class ReadSource {
    private final Queue<ReadResp> outbox = new ArrayDeque<>();
    private boolean finished;
    private long seenEnd;

    /** The next message, or {@code null} when none is available now. Throws a gRPC status to fail the call. */
    final ReadResp next() {
        ReadResp queued = outbox.poll();
        if (queued != null) {
            return queued;
        }
        if (finished) {
            return null;
        }
        ReadResp produced = produce();
        return produced != null ? produced : outbox.poll();
    }

    /** Produces the next message, queues follow-ups with {@link #then}, or returns null after {@link #finish}/{@link #waitBeyond}. */
    protected abstract ReadResp produce();

    protected final void then(ReadResp message) {
        outbox.add(message);
    }

    /** No more messages: the call completes once the outbox is empty. */
    protected final void finish() {
        finished = true;
    }

    /** Nothing more until the store's durable end moves beyond {@code end}. */
    protected final void waitBeyond(long end) {
        seenEnd = end;
    }

    final boolean finished() {
        return finished && outbox.isEmpty();
    }

    final long seenEnd() {
        return seenEnd;
    }

    /** A {@code count} is unsigned on the wire; anything above {@code Long.MAX_VALUE} means "no limit". */
    static long unsignedCount(long count) {
        return count < 0 ? Long.MAX_VALUE : count;
    }
}
