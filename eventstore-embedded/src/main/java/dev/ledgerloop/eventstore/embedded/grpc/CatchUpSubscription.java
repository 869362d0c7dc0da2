package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import java.util.UUID;

/**
 * A catch-up subscription: a confirmation first, then past events, one {@code caught_up} when it reaches the end
 * of the log, then live events as they become durable. It reads the log itself all the way, so a slow subscriber
 * never loses events and never makes the node buffer for it.
 */
abstract class CatchUpSubscription extends ReadSource {
    private boolean confirmed;
    private boolean caughtUp;

    @Override
    protected final ReadResp produce() {
        if (!confirmed) {
            confirmed = true;
            start();
            return ReadResp.newBuilder()
                    .setConfirmation(ReadResp.SubscriptionConfirmation.newBuilder()
                            .setSubscriptionId(UUID.randomUUID().toString()))
                    .build();
        }
        ReadResp message = poll();
        if (message != null) {
            return message;
        }
        if (!caughtUp) {
            caughtUp = true;
            return ReadResp.newBuilder()
                    .setCaughtUp(ReadResp.CaughtUp.getDefaultInstance())
                    .build();
        }
        return null;
    }

    /** Fixes the starting point; called once, just before the confirmation is sent. */
    protected abstract void start();

    /** The next message available now, or null after {@link #waitBeyond}. */
    protected abstract ReadResp poll();
}
