package dev.ledgerloop.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Brings a stored payload written under an older schema version up to the current one, one version step at a time
 * (docs/architecture.md §Decisions: never change a field's meaning; add a version and an upcaster). Empty while every
 * event is at v1.
 */
public final class Upcasters {
    private final Map<Step, Upcaster> steps;

    private Upcasters(Map<Step, Upcaster> steps) {
        this.steps = steps;
    }

    /** Turns a payload of one schema version into the next version's. */
    @FunctionalInterface
    public interface Upcaster {
        JsonNode upcast(JsonNode payload);
    }

    public static Upcasters none() {
        return new Upcasters(Map.of());
    }

    /** A copy that also upcasts {@code eventType} payloads from {@code fromVersion} to {@code fromVersion + 1}. */
    public Upcasters with(String eventType, int fromVersion, Upcaster upcaster) {
        Map<Step, Upcaster> more = new HashMap<>(steps);
        if (more.putIfAbsent(new Step(eventType, fromVersion), upcaster) != null) {
            throw new IllegalArgumentException("Two upcasters for " + eventType + " v" + fromVersion);
        }
        return new Upcasters(Map.copyOf(more));
    }

    JsonNode upcast(String eventType, int storedVersion, int currentVersion, JsonNode payload) {
        if (storedVersion > currentVersion) {
            throw new IllegalStateException(eventType + " v" + storedVersion
                    + " was written by newer code than this, which reads up to v" + currentVersion);
        }
        JsonNode upcast = payload;
        for (int version = storedVersion; version < currentVersion; version++) {
            Upcaster step = steps.get(new Step(eventType, version));
            if (step == null) {
                throw new IllegalStateException("No upcaster from " + eventType + " v" + version);
            }
            upcast = step.upcast(upcast);
        }
        return upcast;
    }

    private record Step(String eventType, int fromVersion) {}
}
