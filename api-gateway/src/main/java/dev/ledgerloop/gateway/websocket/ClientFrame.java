package dev.ledgerloop.gateway.websocket;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What a client may send: {@code {"type":"session.message.send","requestId","sessionId","message",
 * "idempotencyKey"?}}. Anything that cannot become a request is a {@link Malformed} frame, answered with an error
 * frame; what the request carries (the message) is checked by the route it goes to, never here.
 */
sealed interface ClientFrame {
    String SEND = "session.message.send";
    int MAX_REQUEST_ID_LENGTH = 200;

    /** Strict as the REST routes read bodies: one JSON value, no field twice, numbers kept as written. */
    ObjectMapper READER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    record Send(String requestId, String sessionId, JsonNode message, String idempotencyKey) implements ClientFrame {}

    record Malformed(String requestId, String problem) implements ClientFrame {}

    static ClientFrame parse(String text) {
        JsonNode frame;
        try {
            frame = READER.readTree(text);
        } catch (JsonProcessingException e) {
            return new Malformed(null, "A frame must be one JSON object");
        }
        if (frame == null || !frame.isObject()) {
            return new Malformed(null, "A frame must be one JSON object");
        }
        JsonNode requestIdNode = frame.get("requestId");
        String requestId = requestIdNode != null
                        && requestIdNode.isTextual()
                        && !requestIdNode.asText().isEmpty()
                        && requestIdNode.asText().length() <= MAX_REQUEST_ID_LENGTH
                ? requestIdNode.asText()
                : null;
        if (!SEND.equals(frame.path("type").asText(null))) {
            return new Malformed(requestId, "Unknown frame type: a client sends only '" + SEND + "'");
        }
        if (requestId == null) {
            return new Malformed(null, "'requestId' must be a string of 1 to " + MAX_REQUEST_ID_LENGTH + " characters");
        }
        JsonNode sessionId = frame.get("sessionId");
        if (sessionId == null || !sessionId.isTextual()) {
            return new Malformed(requestId, "'sessionId' must be a string");
        }
        JsonNode message = frame.get("message");
        if (message == null || !message.isObject()) {
            return new Malformed(requestId, "'message' must be a JSON object: the body of the REST send");
        }
        JsonNode key = frame.get("idempotencyKey");
        if (key != null && !key.isNull() && !key.isTextual()) {
            return new Malformed(requestId, "'idempotencyKey' must be a string");
        }
        return new Send(requestId, sessionId.asText(), message, key == null || key.isNull() ? null : key.asText());
    }
}
