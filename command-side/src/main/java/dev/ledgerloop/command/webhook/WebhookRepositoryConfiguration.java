package dev.ledgerloop.command.webhook;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The WebhookEndpoint repository on {@code webhook-<id>} streams, cached: the sender reads endpoints per attempt. */
@Configuration(proxyBeanMethods = false)
class WebhookRepositoryConfiguration {
    static final String REPOSITORY = "webhookEndpointRepository";
    static final String AGGREGATE_TYPE = "Webhook";

    @Bean(REPOSITORY)
    EventSourcingRepository<WebhookEndpoint> webhookEndpointRepository(
            EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(WebhookEndpoint.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
