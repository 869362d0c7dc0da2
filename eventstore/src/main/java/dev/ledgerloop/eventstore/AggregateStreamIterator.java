package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Reads one aggregate's stream forwards from a revision, a page at a time, so that a long stream is never held in
 * memory at once. A stream that does not exist reads as empty.
 */
final class AggregateStreamIterator implements Iterator<DomainEventMessage<?>> {
    private final ClientCalls calls;
    private final EventRecordCodec codec;
    private final String streamName;
    private final int pageSize;
    private final Deque<DomainEventMessage<?>> page = new ArrayDeque<>();
    private long nextRevision;
    private boolean exhausted;

    AggregateStreamIterator(
            ClientCalls calls, EventRecordCodec codec, String streamName, long fromRevision, int pageSize) {
        this.calls = calls;
        this.codec = codec;
        this.streamName = streamName;
        this.nextRevision = fromRevision;
        this.pageSize = pageSize;
    }

    @Override
    public boolean hasNext() {
        if (page.isEmpty() && !exhausted) {
            readPage();
        }
        return !page.isEmpty();
    }

    @Override
    public DomainEventMessage<?> next() {
        if (!hasNext()) {
            throw new NoSuchElementException(streamName + " has no more events");
        }
        return page.removeFirst();
    }

    private void readPage() {
        List<ResolvedEvent> events;
        try {
            events = calls.readStream(
                            streamName,
                            ReadStreamOptions.get()
                                    .forwards()
                                    .fromRevision(nextRevision)
                                    .maxCount(pageSize),
                            "reading " + streamName)
                    .getEvents();
        } catch (StreamNotFoundException e) {
            exhausted = true;
            return;
        }
        for (ResolvedEvent event : events) {
            page.add(codec.decode(event.getEvent()));
            nextRevision = event.getEvent().getRevision() + 1;
        }
        exhausted = events.size() < pageSize;
    }
}
