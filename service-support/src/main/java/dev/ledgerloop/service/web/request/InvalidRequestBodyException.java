package dev.ledgerloop.service.web.request;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** A request body that does not bind to its record; the message is the API's validation message. */
public final class InvalidRequestBodyException extends HttpMessageNotReadableException {
    InvalidRequestBodyException(String message, HttpInputMessage input) {
        super(message, input);
    }
}
