package dev.ledgerloop.bench.peer;

import dev.ledgerloop.service.events.CommandThreads;
import dev.ledgerloop.service.events.EventContext;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;

/**
 * The Axon configuration both engines get, apart from the engine itself, the aggregate repository, the processor's
 * source and the token store: Axon's {@code EmbeddedEventStore} on the engine, the simple command bus (commands run on
 * the sender's thread, as in the product) with the product's guard against handling a command on the common pool, the
 * product's correlation data providers, and one pooled streaming processor holding the {@link MessageCounter}.
 */
final class BenchAxon {
    private BenchAxon() {}

    static Configuration start(
            Serializer serializer,
            Function<Configuration, EventStorageEngine> storageEngine,
            Function<Configuration, Repository<BenchSession>> repository,
            Function<Configuration, StreamableMessageSource<TrackedEventMessage<?>>> processorSource,
            TokenStore tokenStore,
            MessageCounter counter) {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(storageEngine)
                .configureCorrelationDataProviders(c -> List.of(
                        new SimpleCorrelationDataProvider(
                                EventContext.SPACE_ID, EventContext.ACTOR_ID, EventContext.ACTOR_KIND),
                        new MessageOriginProvider()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(BenchSession.class)
                        .configureRepository(repository))
                .eventProcessing(processing -> processing
                        .registerPooledStreamingEventProcessor(MessageCounter.PROCESSOR, processorSource)
                        .registerTokenStore(MessageCounter.PROCESSOR, c -> tokenStore)
                        .registerEventHandler(c -> counter))
                .buildConfiguration();
        configuration.start();
        CommandThreads.guard(configuration.commandBus());
        return configuration;
    }
}
