package dev.ledgerloop.eventstore.embedded.log;

/** Thrown at start-up when a sealed segment fails its checks: that is damage, not a torn tail. */
public final class CorruptLogException extends RuntimeException {
    public CorruptLogException(String message) {
        super(message);
    }
}
