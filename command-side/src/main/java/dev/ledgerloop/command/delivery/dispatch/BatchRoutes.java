package dev.ledgerloop.command.delivery.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The active routes of a space as the dispatcher's current batch of events sees them: read from {@link WebhookRoutes}
 * at most once per batch (a resource of the batch's unit of work, gone with it), and again after any route change on
 * this instance, by this batch or by a parked event retried on another thread. Not kept from one batch to the next:
 * the processor's one segment may move to another instance, and the routes this one read would miss the changes made
 * there.
 */
@Component
class BatchRoutes {
    private static final String READ_IN_BATCH = BatchRoutes.class.getName() + ".readInBatch";

    private final WebhookRoutes routes;

    BatchRoutes(WebhookRoutes routes) {
        this.routes = routes;
    }

    List<WebhookRoutes.Route> active(UUID spaceId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return routes.active(spaceId);
        }
        ReadInBatch read = CurrentUnitOfWork.get().root().getOrComputeResource(READ_IN_BATCH, key -> new ReadInBatch());
        return read.active(spaceId, routes);
    }

    /** Touched by the batch's thread only. */
    private static final class ReadInBatch {
        private final Map<UUID, List<WebhookRoutes.Route>> bySpace = new HashMap<>();
        private long changesMadeWhenRead = -1;

        List<WebhookRoutes.Route> active(UUID spaceId, WebhookRoutes routes) {
            // Counted before reading: a change made while the routes are read makes the next call read them again.
            long changesMade = routes.changesMade();
            if (changesMade != changesMadeWhenRead) {
                bySpace.clear();
                changesMadeWhenRead = changesMade;
            }
            return bySpace.computeIfAbsent(spaceId, routes::active);
        }
    }
}
