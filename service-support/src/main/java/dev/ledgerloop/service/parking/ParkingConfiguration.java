package dev.ledgerloop.service.parking;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/**
 * Dead letters for every event processor of a backend (docs/replay.md): the queue in MongoDB, the retries the admin
 * API asks for, the gauge and the {@code parkedEvents} health details.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ParkingConfiguration {

    @Bean
    ParkedEvents parkedEvents(com.mongodb.client.MongoDatabase database, Clock clock) {
        return new ParkedEvents(database, clock);
    }

    /**
     * Every processing group parks a failed event, and later events of its aggregate wait behind it.
     *
     * <p>Whether an event's aggregate has parked events is known from memory (Axon's sequence identifier cache, per
     * segment while this instance holds it): without it every processor asked MongoDB for every event it handled,
     * six of the seventeen MongoDB commands a sent message cost (docs/performance.md). The cache starts from the
     * queue's contents when the segment is claimed and follows what this processor parks; letters retried or evicted
     * elsewhere only make it ask MongoDB again.
     */
    @Bean
    ConfigurerModule everyProcessorParksFailedEvents(
            ParkedEvents parkedEvents, EventStoreDbStorageEngine engine, Clock clock, ListableBeanFactory beans) {
        ParkedLetters letters = new ParkedLetters(engine::streamName, engine::readRecorded);
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerDeadLetterQueueProvider(group -> axon -> new ParkedEventQueue(
                    group, parkedEvents.collection(), letters, clock, ParkedEventQueue.ParkingLimits.DEFAULT));
            for (String group : processingGroups(beans)) {
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                        group, (axon, invoker) -> invoker.enableSequenceIdentifierCache());
            }
        });
    }

    /** The processing groups of this context's event handlers, as their {@link ProcessingGroup} names them. */
    static Set<String> processingGroups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class);
            if (group != null) {
                groups.add(group.value());
            }
        }
        return groups;
    }

    @Bean
    ParkedEventRetries parkedEventRetries(
            ParkedEvents parkedEvents, ObjectProvider<Configuration> axon, ObjectProvider<MeterRegistry> registry) {
        return new ParkedEventRetries(
                parkedEvents,
                processing(axon),
                new ParkedEventMetrics(parkedEvents, registry.getIfAvailable(SimpleMeterRegistry::new)));
    }

    @Bean
    ParkedEventsHealthIndicator parkedEventsHealthIndicator(
            ParkedEvents parkedEvents, ObjectProvider<Configuration> axon) {
        return new ParkedEventsHealthIndicator(parkedEvents, processing(axon));
    }

    private static Supplier<EventProcessingConfiguration> processing(ObjectProvider<Configuration> axon) {
        return () -> axon.getObject().eventProcessingConfiguration();
    }
}
