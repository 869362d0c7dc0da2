package dev.ledgerloop.command.identity;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ApiKey repository on {@code apikey-<id>} streams; keys are short streams, so no cache. */
@Configuration(proxyBeanMethods = false)
class ApiKeyRepositoryConfiguration {
    static final String REPOSITORY = "apiKeyRepository";
    static final String AGGREGATE_TYPE = "Apikey";

    @Bean(REPOSITORY)
    EventSourcingRepository<ApiKey> apiKeyRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(ApiKey.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
