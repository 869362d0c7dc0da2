package dev.ledgerloop.query.projection;

import java.util.List;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;

/** The query side's running processors, paused for a switch-over and resumed at their tokens afterwards. */
final class LiveProcessors {
    private final Supplier<EventProcessingConfiguration> processing;

    LiveProcessors(Supplier<EventProcessingConfiguration> processing) {
        this.processing = processing;
    }

    /** Stops each processor; its segments store their tokens and release their claims first. */
    void pause(List<String> names) {
        names.forEach(name -> processor(name).shutDown());
    }

    void resume(List<String> names) {
        names.forEach(name -> processor(name).start());
    }

    boolean isRunning(String name) {
        return processing
                .get()
                .eventProcessor(name)
                .map(EventProcessor::isRunning)
                .orElse(false);
    }

    boolean runsHere(String name) {
        return processing.get().eventProcessor(name).isPresent();
    }

    private EventProcessor processor(String name) {
        return processing
                .get()
                .eventProcessor(name)
                .orElseThrow(() -> new IllegalStateException("No event processor " + name + " on the query side"));
    }
}
