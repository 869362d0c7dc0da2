package dev.ledgerloop.sdk;

/** Receives the events of {@link LedgerloopClient#stream}, one at a time, on the stream's own thread. */
@FunctionalInterface
public interface StreamListener {
    /**
     * One event. The stream moves past it when this returns; if this throws, the stream stops and {@link #onError}
     * is told (resume later after {@link EventStream#lastEventId()}, which is the last event handled).
     */
    void onEvent(StreamEvent event);

    /** The stream stopped for good: an error that retrying cannot mend (an unknown id, a revoked key), or a listener's. */
    default void onError(LedgerloopException error) {}
}
