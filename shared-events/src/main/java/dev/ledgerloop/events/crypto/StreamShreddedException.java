package dev.ledgerloop.events.crypto;

/**
 * The stream was crypto-shredded on purpose (its key is tombstoned, or the log records the shredding): its content is
 * erased, which readers show as such rather than as an error.
 */
public final class StreamShreddedException extends DataKeyNotFoundException {

    StreamShreddedException(String streamId) {
        super("The stream " + streamId + " was crypto-shredded: its content is erased");
    }
}
