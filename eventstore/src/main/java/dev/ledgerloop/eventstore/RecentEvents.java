package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.RecordedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest events of {@code $all} as the engine's one live subscription delivered them, so that the readers that
 * follow the log's end (streaming processors, the live streams) take a new event from memory instead of each asking
 * the server for it again: with a dozen followers, one write used to cost a dozen reads of {@code $all}.
 *
 * <p>The events held are exactly those after a known position, without gaps, in {@code $all} order: the subscription
 * starts after that position and delivers every event in order (docs/eventstore.md §Recent events). When the oldest
 * is dropped to make room, the known position moves to it. A reader behind what is held, or any reader while no
 * subscription is live, reads the server as before ({@link #after} answers null). Only followers may use it: an event
 * already acknowledged may reach this buffer a moment later, so a one-off read that must see its own writes reads the
 * server.
 */
final class RecentEvents {
    private final RecordedEvent[] ring;
    private final EventStoreDbPositionToken[] positions;
    private int first;
    private int size;
    /** Every event after this position up to the newest held is held; null while nothing is known. */
    private EventStoreDbPositionToken heldAfter;

    private long epoch;

    RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Capacity must be positive, was " + capacity);
        }
        this.ring = new RecordedEvent[capacity];
        this.positions = new EventStoreDbPositionToken[capacity];
    }

    /**
     * Forgets what is held and starts a new run: the events {@link #add}ed with the returned epoch are all those after
     * {@code position}.
     */
    synchronized long startAfter(EventStoreDbPositionToken position) {
        clear();
        heldAfter = position;
        return ++epoch;
    }

    /** Forgets what is held; readers read the server until a new run starts. */
    synchronized void forget() {
        clear();
        heldAfter = null;
        epoch++;
    }

    /** Appends the next event of the run {@code epoch}; an event of an earlier run (a late delivery) is ignored. */
    synchronized void add(long runEpoch, RecordedEvent event) {
        if (runEpoch != epoch || heldAfter == null) {
            return;
        }
        EventStoreDbPositionToken position = EventStoreDbPositionToken.at(event.getPosition());
        if (size > 0 && position.compareTo(positions[index(size - 1)]) <= 0) {
            return;
        }
        if (size == ring.length) {
            heldAfter = positions[first];
            ring[first] = null;
            positions[first] = null;
            first = (first + 1) % ring.length;
            size--;
        }
        int at = index(size);
        ring[at] = event;
        positions[at] = position;
        size++;
    }

    /**
     * Up to {@code max} held events after {@code position}, oldest first: empty when none has been delivered yet (the
     * follower is woken when one is); null when events after {@code position} may be missing here (it is before what is
     * held, or no run is live), so the caller reads the server.
     */
    synchronized List<RecordedEvent> after(EventStoreDbPositionToken position, int max) {
        if (heldAfter == null || position.compareTo(heldAfter) < 0) {
            return null;
        }
        int from = firstAfter(position);
        int count = Math.min(max, size - from);
        List<RecordedEvent> events = new ArrayList<>(Math.max(count, 0));
        for (int i = 0; i < count; i++) {
            events.add(ring[index(from + i)]);
        }
        return events;
    }

    /** The offset (from the oldest held) of the first held event after {@code position}. */
    private int firstAfter(EventStoreDbPositionToken position) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (positions[index(middle)].compareTo(position) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int index(int offset) {
        return (first + offset) % ring.length;
    }

    private void clear() {
        for (int i = 0; i < size; i++) {
            ring[index(i)] = null;
            positions[index(i)] = null;
        }
        first = 0;
        size = 0;
    }
}
