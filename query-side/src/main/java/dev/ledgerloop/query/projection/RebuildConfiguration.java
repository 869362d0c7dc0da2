package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.query.inprocess.InProcessInserts;
import dev.ledgerloop.service.parking.ParkedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/** Rebuilds and the processor listing (docs/replay.md §Rebuild). */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class RebuildConfiguration {
    /**
     * The heap a view document held in a rebuild's memory store is reckoned to take, for the default budget: twice the
     * 4.8 KB measured for the benchmark's documents (docs/replay.md §Limits), for documents with more content.
     */
    private static final long HEAP_BYTES_PER_DOCUMENT = 10 * 1024;

    @Bean(destroyMethod = "close")
    Rebuilds rebuilds(
            List<Projection> projections,
            MongoDatabase database,
            EventStoreDbStorageEngine engine,
            ParkedEvents parked,
            ObjectProvider<Configuration> axon,
            Clock clock,
            @Value("${ledgerloop.rebuild.memory-documents:-1}") long memoryDocuments,
            @Value("${ledgerloop.rebuild.chunk-events:" + RebuildSettings.CHUNK_EVENTS + "}") int chunkEvents,
            ObjectProvider<InProcessInserts> inserts) {
        long budget =
                memoryDocuments < 0 ? Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_DOCUMENT : memoryDocuments;
        RebuildSettings settings = new RebuildSettings(budget, chunkEvents);
        return new Rebuilds(
                projections, database, engine, parked, processing(axon), clock, settings, inserts.getIfAvailable());
    }

    @Bean
    ProcessorStatuses processorStatuses(
            Rebuilds rebuilds,
            EventStoreDbStorageEngine engine,
            ParkedEvents parked,
            ObjectProvider<Configuration> axon) {
        return new ProcessorStatuses(rebuilds, engine, parked, processing(axon));
    }

    @Bean(destroyMethod = "close")
    ProcessorLagMetrics processorLagMetrics(
            ProcessorStatuses statuses,
            MeterRegistry registry,
            @Value("${ledgerloop.metrics.lag-refresh:1m}") Duration refresh) {
        return new ProcessorLagMetrics(statuses, registry, refresh);
    }

    private static Supplier<EventProcessingConfiguration> processing(ObjectProvider<Configuration> axon) {
        return () -> axon.getObject().eventProcessingConfiguration();
    }
}
