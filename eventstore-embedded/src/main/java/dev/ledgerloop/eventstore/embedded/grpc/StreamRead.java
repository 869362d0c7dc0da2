package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;
import dev.ledgerloop.eventstore.embedded.store.StreamView;

/**
 * Reads one stream forwards or backwards from a revision, as EventStoreDB's {@code ReadStreamForwards/Backwards}
 * enumerators do: {@code stream_not_found} for a missing or soft-deleted stream, the {@code stream-deleted} error for
 * a tombstoned one, and with {@code compatibility >= 1} a trailing {@code last_stream_position}.
 */
final class StreamRead extends ReadSource {
    private final StreamDatabase store;
    private final ReadResponses messages;
    private final String stream;
    private final ReadReq.Options.StreamOptions options;
    private final boolean forwards;
    private final boolean compatible;
    private long remaining;
    private StreamView view;
    private long next;

    StreamRead(StreamDatabase store, ReadReq.Options options, String stream) {
        this.store = store;
        this.messages = new ReadResponses(store, options);
        this.stream = stream;
        this.options = options.getStream();
        this.forwards = options.getReadDirection() == ReadReq.Options.ReadDirection.Forwards;
        this.compatible = options.getControlOption().getCompatibility() >= 1;
        this.remaining = unsignedCount(options.getCount());
    }

    @Override
    protected ReadResp produce() {
        if (view == null && !start()) {
            return null;
        }
        boolean inRange = forwards ? next <= view.lastRevision() : next >= view.firstRevision();
        if (remaining > 0 && inRange) {
            long revision = next;
            next += forwards ? 1 : -1;
            remaining--;
            return messages.event(store.read(view.positionOf(revision)));
        }
        if (compatible) {
            then(ReadResp.newBuilder()
                    .setLastStreamPosition(view.lastRevision())
                    .build());
        }
        finish();
        return null;
    }

    private boolean start() {
        view = store.stream(stream, store.durableEnd());
        if (view.tombstoned()) {
            throw RpcErrors.streamDeleted(stream);
        }
        if (!view.found()) {
            then(ReadResp.newBuilder()
                    .setStreamNotFound(
                            ReadResp.StreamNotFound.newBuilder().setStreamIdentifier(Wire.streamIdentifier(stream)))
                    .build());
            finish();
            return false;
        }
        long first = view.firstRevision();
        long last = view.lastRevision();
        switch (options.getRevisionOptionCase()) {
            case START -> next = forwards ? first : 0;
            case END -> next = forwards ? last + 1 : last;
            case REVISION -> {
                long revision = unsignedCount(options.getRevision());
                next = forwards ? Math.max(revision, first) : Math.min(revision, last);
                if (forwards && compatible && revision > last + 1) {
                    // EventStoreDB tells a reader that started past the end where the stream's next event will be.
                    then(ReadResp.newBuilder().setFirstStreamPosition(last + 1).build());
                }
            }
            default -> throw RpcErrors.badRequest("Stream read needs a start, end or revision");
        }
        return true;
    }
}
