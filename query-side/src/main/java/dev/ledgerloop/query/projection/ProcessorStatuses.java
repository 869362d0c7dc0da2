package dev.ledgerloop.query.projection;

import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.parking.ParkedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;

/**
 * Every event processor of both backends as operators see it (docs/replay.md §Rebuild): the query side's from its own
 * configuration, the command side's from the shared token store, each with its position, lag and parked events.
 */
final class ProcessorStatuses {
    /** Counting the events a processor is behind stops here; the listing says "at least". */
    static final long LAG_COUNT_LIMIT = 10_000;

    static final String QUERY_SIDE = "query-side";
    static final String COMMAND_SIDE = "command-side";

    private final Rebuilds rebuilds;
    private final EventStoreDbStorageEngine eventLog;
    private final ParkedEvents parked;
    private final Supplier<EventProcessingConfiguration> processing;

    ProcessorStatuses(
            Rebuilds rebuilds,
            EventStoreDbStorageEngine eventLog,
            ParkedEvents parked,
            Supplier<EventProcessingConfiguration> processing) {
        this.rebuilds = rebuilds;
        this.eventLog = eventLog;
        this.parked = parked;
        this.processing = processing;
    }

    record Listing(Head head, List<ProcessorStatus> data, RebuildProgress rebuild) {}

    /** The last event in {@code $all}: its commit position and when it was recorded. */
    record Head(Long position, Instant at) {}

    record ProcessorStatus(
            String name,
            String backend,
            boolean rebuildable,
            String status,
            long parkedEvents,
            Long position,
            Lag lag,
            RebuildProgress rebuild) {}

    /** Events after the processor's position (at least {@code events} when {@code atLeast}) and their age in ms. */
    record Lag(long events, boolean atLeast, long ms) {}

    Listing list() {
        EventStoreDbPositionToken head = (EventStoreDbPositionToken) eventLog.createHeadToken();
        Optional<Instant> headAt = eventLog.recordedAt(head);
        Map<String, TokenPositions.Segments> positions = rebuilds.tokens().all();
        SortedMap<String, String> backends = new TreeMap<>();
        positions.keySet().forEach(name -> backends.put(name, COMMAND_SIDE));
        processing.get().eventProcessors().keySet().forEach(name -> backends.put(name, QUERY_SIDE));
        SortedMap<String, Long> parkedCounts = parked.countsByProcessor(backends.keySet());
        Optional<RebuildProgress> rebuild = rebuilds.latest();
        Map<EventStoreDbPositionToken, Lag> lags = new HashMap<>();
        List<ProcessorStatus> data = new ArrayList<>();
        backends.forEach((name, backend) -> {
            TokenPositions.Segments segments = positions.get(name);
            EventStoreDbPositionToken at = segments == null ? null : segments.lowest();
            boolean rebuildable = rebuilds.names().contains(name);
            boolean rebuilding = rebuilds.isRebuilding(name);
            data.add(new ProcessorStatus(
                    name,
                    backend,
                    rebuildable,
                    status(name, backend, segments, rebuilding),
                    parkedCounts.getOrDefault(name, 0L),
                    at == null || at.isTail() ? null : at.getCommitPosition(),
                    at == null ? null : lags.computeIfAbsent(at, token -> lag(token, headAt)),
                    rebuilding ? rebuild.orElse(null) : null));
        });
        return new Listing(
                new Head(head.isTail() ? null : head.getCommitPosition(), headAt.orElse(null)),
                data,
                rebuild.orElse(null));
    }

    private String status(String name, String backend, TokenPositions.Segments segments, boolean rebuilding) {
        if (rebuilding) {
            return "rebuilding";
        }
        boolean running =
                QUERY_SIDE.equals(backend) ? rebuilds.live().isRunning(name) : segments != null && segments.claimed();
        return running ? "live" : "stopped";
    }

    private Lag lag(EventStoreDbPositionToken at, Optional<Instant> headAt) {
        long behind = eventLog.countEventsAfter(at, LAG_COUNT_LIMIT);
        if (behind == 0) {
            return new Lag(0, false, 0);
        }
        Instant since = eventLog.recordedAt(at).orElse(null);
        long ms = since == null || headAt.isEmpty()
                ? 0
                : Math.max(0, Duration.between(since, headAt.get()).toMillis());
        return new Lag(behind, behind >= LAG_COUNT_LIMIT, ms);
    }
}
