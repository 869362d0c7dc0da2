package dev.ledgerloop.sdk.crypto;

/**
 * An envelope that cannot be opened with the given key: no wrapping for its key id, a wrapping or ciphertext that does
 * not authenticate, a malformed field. Deliberately says nothing more (docs/sdk.md §Envelope: any failure is "cannot decrypt").
 */
public final class CannotDecryptException extends RuntimeException {
    /** The one failure of opening an envelope. */
    public CannotDecryptException() {
        super("cannot decrypt");
    }
}
