package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import dev.ledgerloop.eventstore.embedded.store.StoredEvent;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;

/**
 * A catch-up subscription to {@code $all}, optionally filtered. Starting "from position p" delivers events after
 * p (EventStoreDB skips {@code position <= start}). A filtered subscription also sends a {@code checkpoint} each
 * time it has scanned {@link AllFilter#checkpointInterval()} events, matching or not, so that a client whose
 * filter rarely matches can still record its progress.
 */
final class AllSubscription extends CatchUpSubscription {
    private final StreamDatabase store;
    private final ReadResponses messages;
    private final AllFilter filter;
    private final ReadReq.Options.AllOptions options;
    private int index;
    private long scannedSinceCheckpoint;

    AllSubscription(StreamDatabase store, ReadReq.Options options, AllFilter filter) {
        this.store = store;
        this.messages = new ReadResponses(store, options);
        this.filter = filter;
        this.options = options.getAll();
    }

    @Override
    protected void start() {
        int count = store.allCount(store.durableEnd());
        switch (options.getAllOptionCase()) {
            case START -> index = 0;
            case END -> index = count;
            case POSITION -> {
                long after = options.getPosition().getCommitPosition();
                index = after < 0 ? count : store.allIndexAtOrAfter(after + 1, count);
            }
            default -> throw RpcErrors.badRequest("$all subscription needs a start, end or position");
        }
    }

    @Override
    protected ReadResp poll() {
        long end = store.durableEnd();
        int count = store.allCount(end);
        while (index < count) {
            long position = store.allPosition(index++);
            StoredEvent event = store.read(position);
            ReadResp checkpoint = null;
            if (filter.active() && ++scannedSinceCheckpoint >= filter.checkpointInterval()) {
                scannedSinceCheckpoint = 0;
                checkpoint = ReadResp.newBuilder()
                        .setCheckpoint(Wire.checkpoint(position))
                        .build();
            }
            if (filter.matches(event.record())) {
                if (checkpoint != null) {
                    then(checkpoint);
                }
                return messages.event(event);
            }
            if (checkpoint != null) {
                return checkpoint;
            }
        }
        waitBeyond(end);
        return null;
    }
}
