package dev.ledgerloop.events.agentlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.AggregateType;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * The free text of an agent's log entry that names a session ({@code description} and {@code details} of an activity,
 * {@code counterpart} and {@code summary} of a communication), sealed under the session's data key on the agent's log
 * stream, so that shredding the session erases it. Opening answers empty once the session is shredded. Command and
 * query side both read it through here.
 */
public final class AgentLogContent {
    // Error messages must never quote decrypted content.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private AgentLogContent() {}

    /** A JSON object of the entry's text fields, to fill with {@link ObjectNode#put}. */
    public static ObjectNode text() {
        return JSON.createObjectNode();
    }

    public static SessionSealed seal(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID agentId, UUID entryId, ObjectNode text) {
        try {
            return seals.seal(spaceId, sessionId, keptAt(agentId, entryId), JSON.writeValueAsString(text));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<JsonNode> open(
            SessionSeals seals, UUID spaceId, UUID sessionId, UUID agentId, UUID entryId, SessionSealed sealed) {
        return seals.open(spaceId, sessionId, keptAt(agentId, entryId), sealed).map(json -> {
            try {
                return JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Sealed log entry text is not JSON", e);
            }
        });
    }

    private static String keptAt(UUID agentId, UUID entryId) {
        return StreamNames.of(AggregateType.AGENT_LOG, agentId) + "/" + entryId;
    }
}
