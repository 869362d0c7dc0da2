package dev.ledgerloop.service.parking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The gauge {@code ledgerloop.processor.parked.events}, one per processor of this backend, read from MongoDB. */
final class ParkedEventMetrics {
    static final String GAUGE = "ledgerloop.processor.parked.events";

    private final ParkedEvents parkedEvents;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    ParkedEventMetrics(ParkedEvents parkedEvents, MeterRegistry registry) {
        this.parkedEvents = parkedEvents;
        this.registry = registry;
    }

    /** Processors are known once Axon has started them, so they are added as they appear. */
    void register(Collection<String> processors) {
        for (String processor : processors) {
            if (registered.add(processor)) {
                Gauge.builder(GAUGE, parkedEvents, events -> events.count(processor))
                        .tag("processor", processor)
                        .description("Events parked by the processor (docs/replay.md)")
                        .register(registry);
            }
        }
    }
}
