package dev.ledgerloop.service.parking;

import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The parked events per processor of this backend; UP all the same, since a parked event is not an outage. */
final class ParkedEventsHealthIndicator implements HealthIndicator {
    private final ParkedEvents parkedEvents;
    private final Supplier<EventProcessingConfiguration> processing;

    ParkedEventsHealthIndicator(ParkedEvents parkedEvents, Supplier<EventProcessingConfiguration> processing) {
        this.parkedEvents = parkedEvents;
        this.processing = processing;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetails(parkedEvents.countsByProcessor(
                        processing.get().eventProcessors().keySet()))
                .build();
    }
}
