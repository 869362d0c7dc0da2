package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Reads one aggregate's stream forwards from a revision, a page at a time, so that a long stream is never held in
 * memory at once, turning each record into a {@code T} with {@code decode}. A stream that does not exist reads as
 * empty.
 */
final class AggregateStreamIterator<T> implements Iterator<T> {
    private final ClientCalls calls;
    private final Function<RecordedEvent, T> decode;
    private final String streamName;
    private final int pageSize;
    private final Deque<T> page = new ArrayDeque<>();
    private long nextRevision;
    private boolean exhausted;

    AggregateStreamIterator(
            ClientCalls calls, Function<RecordedEvent, T> decode, String streamName, long fromRevision, int pageSize) {
        this.calls = calls;
        this.decode = decode;
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
    public T next() {
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
            page.add(decode.apply(event.getEvent()));
            nextRevision = event.getEvent().getRevision() + 1;
        }
        exhausted = events.size() < pageSize;
    }
}
