package dev.ledgerloop.service;

import dev.ledgerloop.service.events.CommandThreads;
import dev.ledgerloop.service.events.EventStoreConfiguration;
import dev.ledgerloop.service.openapi.ApiDescriptionConfiguration;
import dev.ledgerloop.service.parking.ParkingConfiguration;
import dev.ledgerloop.service.web.WebConfiguration;
import java.time.Clock;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Everything a backend service needs besides its own features; import it from the application class. It is not an
 * auto-configuration on purpose: the standalone JVM has every module on its class path, and the gateway there must not
 * pick it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerloopProperties.class)
@Import({
    EventStoreConfiguration.class,
    WebConfiguration.class,
    ApiDescriptionConfiguration.class,
    ParkingConfiguration.class
})
public class ServiceSupportConfiguration {

    /** No command is handled on a thread the EventStoreDB client needs to complete its calls. */
    @Bean
    CommandThreads commandThreadsGuard(CommandBus commandBus) {
        return CommandThreads.guard(commandBus);
    }

    /** The time every service reads, replaceable in tests. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
