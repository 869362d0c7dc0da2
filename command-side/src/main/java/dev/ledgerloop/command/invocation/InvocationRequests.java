package dev.ledgerloop.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.EnvelopeParser;
import dev.ledgerloop.events.envelope.InvalidEnvelopeException;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;

/** Checks the shape of invocation request bodies and names the first wrong field, as API.md's example does. */
final class InvocationRequests {
    static final int MAX_ENVELOPE_BYTES = 256 * 1024;
    static final int MAX_ARGUMENTS_CHARS = 64 * 1024;
    static final int MAX_COMMAND_NAME = 100;
    static final int MAX_ERROR = 2000;

    private final EnvelopeParser envelopes = new EnvelopeParser(MAX_ENVELOPE_BYTES);
    private final JsonNode body;

    InvocationRequests(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            this.body = JsonNodeFactory.instance.objectNode();
        } else if (!body.isObject()) {
            throw ApiException.validation("The request body must be a JSON object");
        } else {
            this.body = body;
        }
    }

    UUID requiredId(String field) {
        JsonNode value = body.get(field);
        if (absent(field)) {
            throw invalid(field, "is required");
        }
        try {
            if (value.isTextual()) {
                return UUID.fromString(value.textValue());
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw invalid(field, "must be a UUID");
    }

    String requiredText(String field, int maxLength) {
        if (absent(field)) {
            throw invalid(field, "is required");
        }
        JsonNode value = body.get(field);
        if (!value.isTextual()
                || value.textValue().isBlank()
                || value.textValue().length() > maxLength) {
            throw invalid(field, "must be a non-empty string of at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    EncryptedEnvelope requiredEnvelope(String field) {
        try {
            return envelopes.parse(field, body.get(field));
        } catch (InvalidEnvelopeException e) {
            throw ApiException.validation(e.getMessage());
        }
    }

    EncryptedEnvelope optionalEnvelope(String field) {
        return absent(field) ? null : requiredEnvelope(field);
    }

    /** A plain JSON object, or null when absent. */
    JsonNode optionalObject(String field) {
        if (absent(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isObject()) {
            throw invalid(field, "must be a JSON object");
        }
        if (value.toString().length() > MAX_ARGUMENTS_CHARS) {
            throw invalid(field, "must be at most " + MAX_ARGUMENTS_CHARS + " characters of JSON");
        }
        return value;
    }

    private boolean absent(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull();
    }

    private static ApiException invalid(String field, String problem) {
        return ApiException.validation("Field '" + field + "' " + problem);
    }
}
