package dev.ledgerloop.command.delivery;

import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import java.util.List;
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
    EventSourcingRepository<Delivery> deliveryRepository(
            EventStore eventStore, EventStoreDbStorageEngine engine, SessionSeals seals) {
        return AggregateRepositories.eventSourced(Delivery.class, AGGREGATE_TYPE, eventStore, engine, List.of(seals));
    }
}
