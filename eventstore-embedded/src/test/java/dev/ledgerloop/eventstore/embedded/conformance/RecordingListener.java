package dev.ledgerloop.eventstore.embedded.conformance;

import com.eventstore.dbclient.Checkpointer;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.Subscription;
import com.eventstore.dbclient.SubscriptionListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records what a subscription delivers, in order, for assertions with Awaitility. */
final class RecordingListener extends SubscriptionListener implements Checkpointer {
    /** Everything the listener saw, in order: events as their stream/revision, plus CAUGHT_UP markers. */
    final List<String> timeline = new CopyOnWriteArrayList<>();

    final List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    final List<Position> checkpoints = new CopyOnWriteArrayList<>();
    final CompletableFuture<Throwable> cancelled = new CompletableFuture<>();
    private final Predicate<RecordedEvent> keep;

    RecordingListener() {
        this(event -> true);
    }

    /** Records only the events {@code keep} accepts (other tests write to the same node). */
    RecordingListener(Predicate<RecordedEvent> keep) {
        this.keep = keep;
    }

    static RecordingListener forStreamsStartingWith(String prefix) {
        return new RecordingListener(event -> event.getStreamId().startsWith(prefix));
    }

    @Override
    public void onEvent(Subscription subscription, ResolvedEvent event) {
        RecordedEvent recorded = event.getOriginalEvent();
        if (keep.test(recorded)) {
            events.add(recorded);
            timeline.add(recorded.getStreamId() + "@" + recorded.getRevision());
        }
    }

    @Override
    public void onCaughtUp(Subscription subscription) {
        timeline.add("CAUGHT_UP");
    }

    @Override
    public void onCancelled(Subscription subscription, Throwable exception) {
        cancelled.complete(exception);
    }

    @Override
    public CompletableFuture<Void> onCheckpoint(Subscription subscription, Position position) {
        checkpoints.add(position);
        return CompletableFuture.completedFuture(null);
    }

    List<String> eventTypes() {
        return events.stream().map(RecordedEvent::getEventType).toList();
    }

    List<Long> revisions() {
        return events.stream().map(RecordedEvent::getRevision).toList();
    }
}
