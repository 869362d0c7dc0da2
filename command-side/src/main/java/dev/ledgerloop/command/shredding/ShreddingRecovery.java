package dev.ledgerloop.command.shredding;

import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.events.shredding.SessionShredded;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finishes shreds that stopped half-way. On start, every intent not marked done is completed; while running, every
 * {@link SessionShredRequested} in the log is (a request recorded by another instance that crashed, or written without
 * an intent), and every shredding event drops this instance's caches of the session. Completing is idempotent.
 */
@Component
@ProcessingGroup(ShreddingRecovery.GROUP)
class ShreddingRecovery extends ParksUnreadableEvents {
    private static final Logger log = LoggerFactory.getLogger(ShreddingRecovery.class);
    static final String GROUP = "shredding";

    private final SessionShredding shredding;

    ShreddingRecovery(SessionShredding shredding) {
        this.shredding = shredding;
    }

    @EventListener(ApplicationReadyEvent.class)
    void completeUnfinished() {
        if (shredding.isHalted()) {
            return;
        }
        for (Document intent : shredding.unfinished()) {
            UUID sessionId = UUID.fromString(intent.getString("_id"));
            log.info("Completing the shred of session {} that stopped before it was done", sessionId);
            shredding.complete(UUID.fromString(intent.getString("spaceId")), sessionId);
        }
    }

    @EventHandler
    void on(SessionShredRequested event) {
        if (shredding.isHalted() || shredding.isComplete(event.sessionId())) {
            return;
        }
        shredding.complete(event.spaceId(), event.sessionId());
    }

    @EventHandler
    void on(SessionShredded event) {
        shredding.dropCaches(StreamNames.session(event.sessionId()), event.sessionId());
    }
}
