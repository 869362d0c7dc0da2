package dev.ledgerloop.service.parking;

import dev.ledgerloop.service.schedule.DueWorkLoop;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;

/**
 * Retries the sequences the admin API marked ({@code POST /v1/admin/parked-events/{id}/retry}, or what waited behind
 * an evicted letter) for the processors of this backend, through Axon's dead-letter processor, which runs the
 * handlers and requeues a letter that fails again. The marks may come from another process: it looks every second.
 */
final class ParkedEventRetries extends DueWorkLoop {
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    private final ParkedEvents parkedEvents;
    private final Supplier<EventProcessingConfiguration> processing;
    private final ParkedEventMetrics metrics;

    ParkedEventRetries(
            ParkedEvents parkedEvents, Supplier<EventProcessingConfiguration> processing, ParkedEventMetrics metrics) {
        super("parked-event-retries");
        this.parkedEvents = parkedEvents;
        this.processing = processing;
        this.metrics = metrics;
    }

    @Override
    protected Duration runDueWork() {
        EventProcessingConfiguration configuration = processing.get();
        Collection<String> processors = configuration.eventProcessors().keySet();
        metrics.register(processors);
        for (ParkedEvents.SequenceKey key : parkedEvents.retryRequests(processors)) {
            parkedEvents.takeRetryRequest(key);
            configuration
                    .sequencedDeadLetterProcessor(key.processor())
                    .ifPresent(deadLetters -> deadLetters.process(letter -> letter instanceof ParkedLetter parked
                            && parked.sequence().equals(key.sequence())));
        }
        return LOOK_AGAIN;
    }
}
