package dev.ledgerloop.query.history;

import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.events.shredding.SessionShredded;
import dev.ledgerloop.service.events.EncryptedEventRecordCodec;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Drops what the query side remembers of a session once its shredding is in the log: the unwrapped data key, decoded
 * events and kept history folds. Both shredding events do it, the second for anything read in between.
 */
@Component
@ProcessingGroup(ShreddedSessionCaches.GROUP)
class ShreddedSessionCaches extends ParksUnreadableEvents {
    static final String GROUP = "shredding-caches";

    private final Keyring keyring;
    private final EncryptedEventRecordCodec codec;
    private final SessionHistory history;

    ShreddedSessionCaches(Keyring keyring, EncryptedEventRecordCodec codec, SessionHistory history) {
        this.keyring = keyring;
        this.codec = codec;
        this.history = history;
    }

    @EventHandler
    void on(SessionShredRequested event) {
        drop(event.sessionId());
    }

    @EventHandler
    void on(SessionShredded event) {
        drop(event.sessionId());
    }

    private void drop(UUID sessionId) {
        String stream = StreamNames.session(sessionId);
        keyring.evict(stream);
        codec.forget(stream);
        history.forget(sessionId);
    }
}
