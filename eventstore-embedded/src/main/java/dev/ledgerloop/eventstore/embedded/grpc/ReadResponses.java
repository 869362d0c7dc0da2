package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import dev.ledgerloop.eventstore.embedded.store.EventRecord;
import dev.ledgerloop.eventstore.embedded.store.StoredEvent;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;
import dev.ledgerloop.eventstore.embedded.store.StreamView;
import java.nio.charset.StandardCharsets;

/** Turns stored events into {@code ReadResp} event messages, resolving {@code $>} links when asked to. */
final class ReadResponses {
    private final StreamDatabase store;
    private final boolean resolveLinks;
    private final boolean uuidAsString;

    ReadResponses(StreamDatabase store, ReadReq.Options options) {
        this.store = store;
        this.resolveLinks = options.getResolveLinks();
        this.uuidAsString = options.getUuidOption().getContentCase() == ReadReq.Options.UUIDOption.ContentCase.STRING;
    }

    ReadResp event(StoredEvent stored) {
        ReadResp.ReadEvent.Builder event = ReadResp.ReadEvent.newBuilder().setCommitPosition(stored.position());
        if (resolveLinks && EventRecord.LINK_TYPE.equals(stored.record().eventType())) {
            StoredEvent target = resolve(stored.record());
            event.setLink(Wire.recordedEvent(stored, uuidAsString));
            if (target != null) {
                event.setEvent(Wire.recordedEvent(target, uuidAsString));
            }
        } else {
            event.setEvent(Wire.recordedEvent(stored, uuidAsString));
        }
        return ReadResp.newBuilder().setEvent(event).build();
    }

    /** A link's data is {@code <revision>@<stream>}; a link to an event that no longer exists resolves to nothing. */
    private StoredEvent resolve(EventRecord link) {
        String data = new String(link.data(), StandardCharsets.UTF_8);
        int at = data.indexOf('@');
        if (at <= 0) {
            return null;
        }
        long revision;
        try {
            revision = Long.parseLong(data.substring(0, at));
        } catch (NumberFormatException e) {
            return null;
        }
        StreamView target = store.stream(data.substring(at + 1), store.durableEnd());
        if (!target.found()
                || target.tombstoned()
                || revision < target.firstRevision()
                || revision > target.lastRevision()) {
            return null;
        }
        return store.read(target.positionOf(revision));
    }
}
