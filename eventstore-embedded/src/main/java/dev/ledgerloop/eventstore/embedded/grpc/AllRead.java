package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import dev.ledgerloop.eventstore.embedded.store.StoredEvent;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;

/**
 * Reads {@code $all} forwards (from a position, inclusive) or backwards (from a position, exclusive), optionally
 * filtered, over the records that were durable when the read started.
 */
final class AllRead extends ReadSource {
    private final StreamDatabase store;
    private final ReadResponses messages;
    private final AllFilter filter;
    private final ReadReq.Options.AllOptions options;
    private final boolean forwards;
    private final boolean compatible;
    private long remaining;
    private int count = -1;
    private int index;

    AllRead(StreamDatabase store, ReadReq.Options options, AllFilter filter) {
        this.store = store;
        this.messages = new ReadResponses(store, options);
        this.filter = filter;
        this.options = options.getAll();
        this.forwards = options.getReadDirection() == ReadReq.Options.ReadDirection.Forwards;
        this.compatible = options.getControlOption().getCompatibility() >= 1;
        this.remaining = unsignedCount(options.getCount());
    }

    @Override
    protected ReadResp produce() {
        if (count < 0) {
            start();
        }
        while (remaining > 0 && (forwards ? index < count : index >= 0)) {
            StoredEvent event = store.read(store.allPosition(index));
            index += forwards ? 1 : -1;
            if (filter.matches(event.record())) {
                remaining--;
                return messages.event(event);
            }
        }
        if (compatible && count > 0) {
            long last = store.allPosition(count - 1);
            then(ReadResp.newBuilder()
                    .setLastAllStreamPosition(Shared.AllStreamPosition.newBuilder()
                            .setCommitPosition(last)
                            .setPreparePosition(last))
                    .build());
        }
        finish();
        return null;
    }

    private void start() {
        count = store.allCount(store.durableEnd());
        switch (options.getAllOptionCase()) {
            case START -> index = forwards ? 0 : -1;
            case END -> index = forwards ? count : count - 1;
            case POSITION -> {
                int atOrAfter = store.allIndexAtOrAfter(options.getPosition().getCommitPosition(), count);
                index = forwards ? atOrAfter : atOrAfter - 1;
            }
            default -> throw RpcErrors.badRequest("$all read needs a start, end or position");
        }
    }
}
