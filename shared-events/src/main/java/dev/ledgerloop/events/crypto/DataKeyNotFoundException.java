package dev.ledgerloop.events.crypto;

/** The data key an event was encrypted under is gone: crypto-shredded (or never created), so the content is lost. */
public class DataKeyNotFoundException extends RuntimeException {

    DataKeyNotFoundException(String message) {
        super(message);
    }
}
