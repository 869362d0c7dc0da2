package dev.ledgerloop.query.live;

import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.notification.Notification;
import dev.ledgerloop.service.notification.Notifications;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event streams ({@code GET /v1/agent/stream}, {@code GET /v1/human/stream}): each open stream reads the event
 * log itself, from just after the position its client last saw, and sends the events its audience may see as
 * notifications ({@link Notifications}: the webhook types and payloads), each with its log position as the SSE id. One
 * ordered read per stream is what makes resuming exact: what was missed is replayed, then the same read goes live,
 * with no gap and no duplicate. Reads are woken by the log's new-event signal and drained by a small shared pool, a
 * bounded batch at a time, so no thread waits per stream. Any query-side instance serves any stream: all read the
 * same log.
 */
@Component
class EventStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    /** Events one drain sends before it lets other streams have the thread. */
    private static final int BATCH = 256;

    private final EventStoreDbStorageEngine engine;
    private final Notifications notifications;
    private final EventOwners owners;
    private final LiveConnections connections;
    private final LiveProperties properties;
    private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();
    private ExecutorService drains;
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    EventStreams(
            EventStoreDbStorageEngine engine,
            SessionSeals seals,
            EventOwners owners,
            LiveConnections connections,
            LiveProperties properties) {
        this.engine = engine;
        this.notifications = new Notifications(seals);
        this.owners = owners;
        this.connections = connections;
        this.properties = properties;
    }

    /** Who may see a notification; it may follow what it sees (a human's sessions change as they are added). */
    interface Audience extends Predicate<Notification> {}

    /** The position a new stream starts after when its client names none: the end of the log, now. */
    EventStoreDbPositionToken head() {
        return (EventStoreDbPositionToken) engine.createHeadToken();
    }

    SseEmitter open(Principal principal, EventStoreDbPositionToken after, Audience audience) {
        Runnable release = connections.open(principal);
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        OpenStream stream =
                new OpenStream(emitter, audience, engine.allEventsSource().openStream(after), release);
        open.add(stream);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(() -> {
            stream.close();
            emitter.complete();
        });
        emitter.onError(error -> stream.close());
        try {
            // A first comment tells the client (and every proxy on the way) that the stream is open.
            emitter.send(SseEmitter.event().comment("listening"));
        } catch (IOException | IllegalStateException gone) {
            stream.close();
            return emitter;
        }
        stream.events.setOnAvailableCallback(stream::schedule);
        stream.schedule();
        return emitter;
    }

    @Override
    public void start() {
        drains = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "live-stream");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-stream-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(
                () -> open.forEach(OpenStream::heartbeat), every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends the open streams before the web server's graceful shutdown would wait for them; clients resume. */
    @Override
    public void stop() {
        running = false;
        open.forEach(stream -> {
            stream.close();
            stream.emitter.complete();
        });
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        if (drains != null) {
            drains.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class OpenStream {
        final SseEmitter emitter;
        final Audience audience;
        final BlockingStream<TrackedEventMessage<?>> events;
        final Runnable release;
        final AtomicBoolean scheduled = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
        volatile boolean closed;

        OpenStream(
                SseEmitter emitter,
                Audience audience,
                BlockingStream<TrackedEventMessage<?>> events,
                Runnable release) {
            this.emitter = emitter;
            this.audience = audience;
            this.events = events;
            this.release = release;
        }

        void schedule() {
            again.set(true);
            if (!closed && scheduled.compareAndSet(false, true)) {
                try {
                    drains.execute(this::drain);
                } catch (RuntimeException stopped) {
                    scheduled.set(false);
                }
            }
        }

        /** Sends what is there, a batch at a time; one drain per stream at a time keeps the order. */
        private void drain() {
            again.set(false);
            int sent = 0;
            try {
                while (!closed && sent < BATCH && events.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> message = events.nextAvailable();
                    owners.saw(message.getPayload());
                    Optional<Notification> notification = notifications.of(message, owners);
                    if (notification.isPresent() && audience.test(notification.get())) {
                        String id = StreamPosition.id(message.trackingToken());
                        emitter.send(SseEmitter.event()
                                .id(id)
                                .name(notification.get().type())
                                .data(notification.get().body(message.getIdentifier()), MediaType.APPLICATION_JSON));
                    }
                    sent++;
                }
            } catch (IOException | IllegalStateException gone) {
                close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
            } catch (RuntimeException failed) {
                // An event that cannot be read or mapped ends this stream, not the others; the client resumes.
                log.warn("Live stream ended: {}", failed.getClass().getSimpleName());
                close();
                emitter.completeWithError(failed);
            } finally {
                scheduled.set(false);
            }
            if (!closed && (sent == BATCH || again.get())) {
                schedule();
            }
        }

        void heartbeat() {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        void close() {
            if (!closed) {
                closed = true;
                open.remove(this);
                events.close();
                release.run();
            }
        }
    }
}
