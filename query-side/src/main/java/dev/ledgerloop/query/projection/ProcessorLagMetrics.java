package dev.ledgerloop.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges {@code ledgerloop.processor.lag.events} and {@code ledgerloop.processor.lag.ms}, one row per processor of
 * both backends (docs/metrics.md), refreshed from {@link ProcessorStatuses} on a thread of their own: counting the
 * events behind reads {@code $all}, which a scrape should not wait for.
 */
final class ProcessorLagMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessorLagMetrics.class);

    private final ProcessorStatuses statuses;
    private final MultiGauge events;
    private final MultiGauge ms;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processor-lag-metrics");
        thread.setDaemon(true);
        return thread;
    });

    ProcessorLagMetrics(ProcessorStatuses statuses, MeterRegistry registry, Duration interval) {
        this.statuses = statuses;
        this.events = MultiGauge.builder("ledgerloop.processor.lag.events")
                .description("Events in $all after the processor's position (counted up to "
                        + ProcessorStatuses.LAG_COUNT_LIMIT + ")")
                .register(registry);
        this.ms = MultiGauge.builder("ledgerloop.processor.lag.ms")
                .description("How much older the processor's position is than the head of $all, in ms")
                .register(registry);
        // The first refresh waits one interval: the context that owns the statuses is still starting now.
        refresher.scheduleWithFixedDelay(
                this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            List<MultiGauge.Row<?>> eventRows = new ArrayList<>();
            List<MultiGauge.Row<?>> msRows = new ArrayList<>();
            for (ProcessorStatuses.ProcessorStatus status : statuses.list().data()) {
                if (status.lag() == null) {
                    continue;
                }
                Tags tags = Tags.of("processor", status.name(), "backend", status.backend());
                eventRows.add(MultiGauge.Row.of(tags, status.lag().events()));
                msRows.add(MultiGauge.Row.of(tags, status.lag().ms()));
            }
            events.register(eventRows, true);
            ms.register(msRows, true);
        } catch (RuntimeException e) {
            // The event store or MongoDB is away for a moment: the gauges keep their last values until the next try.
            log.debug("Processor lag not refreshed", e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
