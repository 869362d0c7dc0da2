package dev.ledgerloop.events.envelope;

/** An envelope whose shape is wrong; the message is the API's validation message, naming the field. */
public final class InvalidEnvelopeException extends RuntimeException {

    InvalidEnvelopeException(String message) {
        super(message);
    }
}
