package dev.ledgerloop.events.crypto;

/** A ciphertext that does not authenticate: altered, or moved from the event it was written for. */
public final class DecryptionFailedException extends RuntimeException {

    DecryptionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
