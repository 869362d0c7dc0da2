package dev.ledgerloop.query.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;

/** The query side's running processors, paused for a switch-over and resumed at their tokens afterwards. */
final class LiveProcessors {
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    private final Supplier<EventProcessingConfiguration> processing;

    LiveProcessors(Supplier<EventProcessingConfiguration> processing) {
        this.processing = processing;
    }

    /**
     * Stops the processors, side by side (each pooled processor's coordinator stops on its own thread, the others one
     * after the other here); each one's segments store their tokens and release their claims first. Throws if they
     * have not all stopped within {@link #STOP_WITHIN}.
     */
    void pause(List<String> names) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (String name : names) {
            EventProcessor processor = processor(name);
            if (processor instanceof PooledStreamingEventProcessor pooled) {
                stopping.add(pooled.shutdownAsync());
            } else {
                processor.shutDown();
            }
        }
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                    .get(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the processors " + names + " stopped", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The processors " + names + " did not stop within " + STOP_WITHIN, e);
        }
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
