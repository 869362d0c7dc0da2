package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;
import dev.ledgerloop.eventstore.embedded.store.StreamView;

/**
 * A catch-up subscription to one stream. Starting "from revision r" delivers revisions after r, as EventStoreDB's
 * {@code StreamSubscription} does; a tombstone ends it with the {@code stream-deleted} error.
 */
final class StreamSubscription extends CatchUpSubscription {
    private final StreamDatabase store;
    private final ReadResponses messages;
    private final String stream;
    private final ReadReq.Options.StreamOptions options;
    private long next;

    StreamSubscription(StreamDatabase store, ReadReq.Options options, String stream) {
        this.store = store;
        this.messages = new ReadResponses(store, options);
        this.stream = stream;
        this.options = options.getStream();
    }

    @Override
    protected void start() {
        switch (options.getRevisionOptionCase()) {
            case START -> next = 0;
            case END -> next = store.stream(stream, store.durableEnd()).lastRevision() + 1;
            case REVISION -> next = unsignedCount(options.getRevision()) + 1;
            default -> throw RpcErrors.badRequest("Stream subscription needs a start, end or revision");
        }
    }

    @Override
    protected ReadResp poll() {
        long end = store.durableEnd();
        StreamView view = store.stream(stream, end);
        next = Math.max(next, view.firstRevision());
        if (next <= view.lastRevision()) {
            return messages.event(store.read(view.positionOf(next++)));
        }
        if (view.tombstoned()) {
            throw RpcErrors.streamDeleted(stream);
        }
        waitBeyond(end);
        return null;
    }
}
