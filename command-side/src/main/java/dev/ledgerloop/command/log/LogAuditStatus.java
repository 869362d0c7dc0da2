package dev.ledgerloop.command.log;

import dev.ledgerloop.events.log.LogAuditFailed;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What the log audit has verified, per space, and what it found wrong: the {@code logAudit} health component (down
 * once any failure was found, with the failures), and the gauges {@code ledgerloop.log.audit.verified.size} (per
 * space) and {@code ledgerloop.log.audit.failures}.
 */
@Component("logAuditHealthIndicator")
class LogAuditStatus implements HealthIndicator {
    private final Map<UUID, AtomicLong> verified = new ConcurrentHashMap<>();
    private final Map<String, LogAuditFailed> failures = new ConcurrentHashMap<>();
    private final Set<UUID> gauged = ConcurrentHashMap.newKeySet();
    private final MeterRegistry registry;

    LogAuditStatus(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("ledgerloop.log.audit.failures", failures, Map::size)
                .description("Failures the continuous verification of the log found")
                .register(registry);
    }

    void verified(UUID spaceId, long treeSize) {
        verified.computeIfAbsent(spaceId, this::gauge).set(treeSize);
    }

    /** @return true when this failure is new */
    boolean failed(LogAuditFailed failure) {
        String key = failure.spaceId() + "/" + failure.check() + "/" + failure.eventId();
        return failures.putIfAbsent(key, failure) == null;
    }

    private AtomicLong gauge(UUID spaceId) {
        AtomicLong size = new AtomicLong();
        if (gauged.add(spaceId)) {
            Gauge.builder("ledgerloop.log.audit.verified.size", size, AtomicLong::get)
                    .description("Leaves of the space's log recomputed and verified from the stored events")
                    .tag("space", spaceId.toString())
                    .register(registry);
        }
        return size;
    }

    @Override
    public Health health() {
        Map<String, Object> sizes = new LinkedHashMap<>();
        verified.forEach((spaceId, size) -> sizes.put(spaceId.toString(), size.get()));
        Health.Builder health = failures.isEmpty() ? Health.up() : Health.down();
        health.withDetail("verifiedSize", sizes);
        if (!failures.isEmpty()) {
            health.withDetail(
                    "failures",
                    failures.values().stream()
                            .map(failure -> Map.of(
                                    "spaceId", failure.spaceId().toString(),
                                    "check", failure.check(),
                                    "eventId", String.valueOf(failure.eventId()),
                                    "treeSize", failure.treeSize(),
                                    "reason", failure.reason()))
                            .toList());
        }
        return health.build();
    }
}
