package dev.ledgerloop.query.activity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.query.Views;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The entries of an agent's log as the API lists them, one record per kind, read from the {@code agent_log} view. */
final class AgentLogEntries {
    static final String ACTIVITY = "activity";
    static final String COMM = "comm";
    static final String TELEMETRY = "telemetry";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentLogEntries() {}

    record Activity(
            String id,
            String agentId,
            String sessionId,
            String action,
            String description,
            JsonNode details,
            Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean erased) {
        static Activity of(Document document) {
            return new Activity(
                    document.getString("_id"),
                    document.getString("agentId"),
                    document.getString("sessionId"),
                    document.getString("action"),
                    document.getString("description"),
                    parse(document.getString("details")),
                    Views.instant(document.get("createdAt")),
                    document.getBoolean(AgentLogProjection.ERASED));
        }
    }

    record Communication(
            String id,
            String agentId,
            String sessionId,
            String channel,
            String direction,
            String counterpart,
            String summary,
            Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean erased) {
        static Communication of(Document document) {
            return new Communication(
                    document.getString("_id"),
                    document.getString("agentId"),
                    document.getString("sessionId"),
                    document.getString("channel"),
                    document.getString("direction"),
                    document.getString("counterpart"),
                    document.getString("summary"),
                    Views.instant(document.get("createdAt")),
                    document.getBoolean(AgentLogProjection.ERASED));
        }
    }

    record Metric(String name, double value, String unit) {}

    record Telemetry(String id, String agentId, List<Metric> metrics, JsonNode tags, Instant createdAt) {
        static Telemetry of(Document document) {
            return new Telemetry(
                    document.getString("_id"),
                    document.getString("agentId"),
                    document.getList("metrics", Document.class).stream()
                            .map(metric -> new Metric(
                                    metric.getString("name"),
                                    metric.get("value", Number.class).doubleValue(),
                                    metric.getString("unit")))
                            .toList(),
                    parse(document.getString("tags")),
                    Views.instant(document.get("createdAt")));
        }
    }

    static String tagsText(Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tags are strings and always serialise", e);
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The view holds JSON that the projection wrote", e);
        }
    }
}
