package dev.ledgerloop.command.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.EnvelopeParser;
import dev.ledgerloop.events.envelope.InvalidEnvelopeException;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.service.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checks the shape of session request bodies (API.md §Sessions) and names the first wrong field the way API.md's
 * example does: {@code Field 'encryptedContent' is required}. Unknown fields are ignored.
 */
final class SessionRequests {
    static final int MAX_ENVELOPE_BYTES = 256 * 1024;
    static final int MAX_REFERENCE_ID = 200;
    static final int MAX_USER_ID = 200;

    private final EnvelopeParser envelopes = new EnvelopeParser(MAX_ENVELOPE_BYTES);
    private final JsonNode body;

    SessionRequests(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            this.body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } else if (!body.isObject()) {
            throw ApiException.validation("The request body must be a JSON object");
        } else {
            this.body = body;
        }
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

    boolean optionalBoolean(String field, boolean otherwise) {
        if (absent(field)) {
            return otherwise;
        }
        JsonNode value = body.get(field);
        if (!value.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return value.booleanValue();
    }

    Integer optionalCount(String field, int max) {
        if (absent(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > max) {
            throw invalid(field, "must be a whole number from 0 to " + max);
        }
        return value.intValue();
    }

    Priority optionalPriority(String field, Priority otherwise) {
        if (absent(field)) {
            return otherwise;
        }
        JsonNode value = body.get(field);
        for (Priority priority : Priority.values()) {
            if (value.isTextual() && priority.name().equals(value.textValue())) {
                return priority;
            }
        }
        throw invalid(
                field,
                "must be one of "
                        + Arrays.stream(Priority.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    Instant optionalInstant(String field) {
        if (absent(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        try {
            if (value.isTextual()) {
                return Instant.parse(value.textValue());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw invalid(field, "must be an ISO-8601 UTC timestamp such as 2026-03-25T10:30:00.000Z");
    }

    String optionalText(String field, int maxLength) {
        if (absent(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isTextual() || value.textValue().length() > maxLength) {
            throw invalid(field, "must be a string of at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    String requiredText(String field, int maxLength) {
        if (absent(field)) {
            throw invalid(field, "is required");
        }
        String text = optionalText(field, maxLength);
        if (text.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        return text;
    }

    /** A participant role as API.md spells it; {@code otherwise} null makes the field required. */
    ParticipantRole role(String field, ParticipantRole otherwise) {
        if (absent(field)) {
            if (otherwise == null) {
                throw invalid(field, "is required");
            }
            return otherwise;
        }
        JsonNode value = body.get(field);
        for (ParticipantRole role : ParticipantRole.values()) {
            if (value.isTextual() && role.name().equals(value.textValue())) {
                return role;
            }
        }
        throw invalid(field, "must be one of owner, admin, member, viewer, guest");
    }

    private boolean absent(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull();
    }

    private static ApiException invalid(String field, String problem) {
        return ApiException.validation("Field '" + field + "' " + problem);
    }
}
