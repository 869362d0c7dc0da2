package dev.ledgerloop.events.agentlog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The agent pushed measurements of itself (tokens used, latency, cost, ...), with tags that apply to all of them. */
public record TelemetryPushed(UUID agentId, UUID entryId, List<Metric> metrics, Map<String, String> tags)
        implements AgentLogEvent {

    /** One measurement; {@code unit} may be null. */
    public record Metric(String name, double value, String unit) {
        public Metric {
            Objects.requireNonNull(name, "name");
        }
    }

    public TelemetryPushed {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(entryId, "entryId");
        metrics = List.copyOf(metrics);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
