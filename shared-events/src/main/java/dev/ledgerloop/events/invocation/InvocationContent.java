package dev.ledgerloop.events.invocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * The content of an invocation made in a session (its arguments, result or error), sealed under the session's data
 * key on the invocation's stream, so that shredding the session erases it. Opening answers empty once the session is
 * shredded. Command and query side both read it through here.
 */
public final class InvocationContent {
    // Error messages must never quote decrypted content.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** What a human invoked with: end-to-end encrypted, plain, both or neither. */
    public record Arguments(EncryptedEnvelope encryptedArguments, JsonNode arguments) {}

    private InvocationContent() {}

    public static SessionSealed sealArguments(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID invocationId, Arguments arguments) {
        return seals.seal(spaceId, sessionId, keptAt(invocationId, "arguments"), write(arguments));
    }

    public static Optional<Arguments> openArguments(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID invocationId, SessionSealed sealed) {
        return seals.open(spaceId, sessionId, keptAt(invocationId, "arguments"), sealed)
                .map(json -> read(json, Arguments.class));
    }

    public static SessionSealed sealResult(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID invocationId, EncryptedEnvelope result) {
        return seals.seal(spaceId, sessionId, keptAt(invocationId, "result"), write(result));
    }

    public static Optional<EncryptedEnvelope> openResult(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID invocationId, SessionSealed sealed) {
        return seals.open(spaceId, sessionId, keptAt(invocationId, "result"), sealed)
                .map(json -> read(json, EncryptedEnvelope.class));
    }

    public static SessionSealed sealError(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID invocationId, String error) {
        return seals.seal(spaceId, sessionId, keptAt(invocationId, "error"), error);
    }

    public static Optional<String> openError(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID invocationId, SessionSealed sealed) {
        return seals.open(spaceId, sessionId, keptAt(invocationId, "error"), sealed);
    }

    private static String keptAt(UUID invocationId, String field) {
        return StreamNames.invocation(invocationId) + "/" + field;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Sealed invocation content does not map to " + type.getSimpleName(), e);
        }
    }
}
