package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.EventStoreDBClient;
import dev.ledgerloop.eventstore.counter.Counter;
import dev.ledgerloop.eventstore.counter.CounterLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * One instance of an Axon application on the engine, wired as an app would: the engine under Axon's embedded event
 * store, an {@link AggregateEventStore} for the aggregate's repository, a pooled streaming processor over {@code $all}.
 */
final class CounterApplication implements AutoCloseable {
    private final EventStoreDBClient client;
    private final EventStoreDbStorageEngine engine;
    private final CounterLog log = new CounterLog();
    private final Configuration configuration;

    private CounterApplication(EventStoreDBClient client) {
        this.client = client;
        // A recheck far beyond any test's patience: events must arrive because the engine is woken, not polled.
        this.engine = EventStoreDbStorageEngine.builder()
                .client(client)
                .idleRecheckInterval(Duration.ofMinutes(5))
                .build();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Counter.class)
                        .configureRepository(c -> EventSourcingRepository.builder(Counter.class)
                                .eventStore(new AggregateEventStore(c.eventStore(), engine, "Counter"))
                                .parameterResolverFactory(c.parameterResolverFactory())
                                .handlerDefinition(c.handlerDefinition(Counter.class))
                                .build()));
        InMemoryTokenStore tokenStore = new InMemoryTokenStore();
        configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessor(CounterLog.PROCESSING_GROUP)
                // One segment, so that the log sees events in $all order, not merely in order per aggregate.
                .registerPooledStreamingEventProcessorConfiguration(
                        CounterLog.PROCESSING_GROUP, (c, builder) -> builder.initialSegmentCount(1))
                .registerTokenStore(c -> tokenStore)
                .registerEventHandler(c -> log);
        this.configuration = configurer.start();
    }

    static CounterApplication start(EventStoreNode node) {
        return new CounterApplication(node.newClient());
    }

    <R> R send(Object command) {
        return configuration.commandGateway().sendAndWait(command);
    }

    Repository<Counter> counters() {
        return configuration.repository(Counter.class);
    }

    EventProcessor processor() {
        return configuration
                .eventProcessingConfiguration()
                .eventProcessor(CounterLog.PROCESSING_GROUP)
                .orElseThrow();
    }

    CounterLog log() {
        return log;
    }

    @Override
    public void close() throws Exception {
        try {
            configuration.shutdown();
            engine.close();
        } finally {
            client.shutdown().get(10, TimeUnit.SECONDS);
        }
    }
}
