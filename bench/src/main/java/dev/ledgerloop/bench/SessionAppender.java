package dev.ledgerloop.bench;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Appends whole sessions ({@link SessionEvents}) through the command side's storage engine: the same encrypting,
 * chaining codec as commands use, one append per session, without the HTTP round trips that would make writing
 * 100,000 events take minutes. Prints the count and the rate every 10 s.
 */
final class SessionAppender {
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final EventStoreDbStorageEngine engine;
    private final UUID agent;
    private final MetaData metaData;
    private final long started = System.nanoTime();
    private long nextReport = started + REPORT_EVERY_NANOS;
    private long events;
    private long sessions;

    /** Appends as the system's component {@code source}, for the bootstrap key's agent of the system's space. */
    SessionAppender(LedgerloopSystem system, String source) {
        this.engine = system.backendContexts().get(0).getBean(EventStoreDbStorageEngine.class);
        this.agent = system.secrets().agentId();
        this.metaData = EventContext.system(system.secrets().spaceId(), source);
    }

    /** The agent whose sessions these are: the bootstrap key's, so the key reaches them over HTTP. */
    UUID agent() {
        return agent;
    }

    void append(SessionEvents session) {
        List<Object> payloads = session.payloads();
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>(
                    "Session", session.id().toString(), sequence, payloads.get(sequence), metaData));
        }
        engine.appendEvents(messages);
        events += messages.size();
        sessions++;
        long now = System.nanoTime();
        if (now >= nextReport) {
            System.out.printf(
                    "  appended %,d events (%,d sessions) in %.0f s: %,.0f events/s%n",
                    events, sessions, seconds(), events / seconds());
            nextReport = now + REPORT_EVERY_NANOS;
        }
    }

    long events() {
        return events;
    }

    /** Since this appender was made. */
    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
