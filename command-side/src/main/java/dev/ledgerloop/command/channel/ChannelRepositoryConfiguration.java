package dev.ledgerloop.command.channel;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Channel repository reads {@code channel-<id>} streams. */
@Configuration(proxyBeanMethods = false)
class ChannelRepositoryConfiguration {
    static final String REPOSITORY = "channelRepository";
    static final String AGGREGATE_TYPE = "Channel";

    @Bean(REPOSITORY)
    EventSourcingRepository<Channel> channelRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(Channel.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
