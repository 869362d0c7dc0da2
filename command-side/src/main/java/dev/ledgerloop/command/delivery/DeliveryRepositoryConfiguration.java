package dev.ledgerloop.command.delivery;

import dev.ledgerloop.eventstore.AggregateEventStore;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Delivery repository on {@code delivery-<id>} streams, cached between the attempts of a delivery. */
@Configuration(proxyBeanMethods = false)
class DeliveryRepositoryConfiguration {
    static final String REPOSITORY = "deliveryRepository";
    static final String AGGREGATE_TYPE = "Delivery";

    @Bean(REPOSITORY)
    EventSourcingRepository<Delivery> deliveryRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return EventSourcingRepository.builder(Delivery.class)
                .eventStore(new AggregateEventStore(eventStore, engine, AGGREGATE_TYPE))
                .cache(new WeakReferenceCache())
                .build();
    }
}
