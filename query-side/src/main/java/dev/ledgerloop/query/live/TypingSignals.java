package dev.ledgerloop.query.live;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.notification.Notification;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Typing indicators (docs/api.md §Typing: not stored as events, fanned out live): each session's open server-sent
 * event streams, and the signals sent to them as they come. Streams of this instance only; see docs/services.md.
 * Each stream counts against its credential's limit of long-lived requests ({@link LiveConnections}), gets a
 * heartbeat comment when idle and is ended by the server after {@code ledgerloop.live.stream-timeout}.
 */
@Component
class TypingSignals implements SmartLifecycle {
    static final String EVENT = "session.typing";

    private final Map<UUID, Set<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private final LiveConnections connections;
    private final LiveProperties properties;
    private final EventStreams streams;
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    TypingSignals(LiveConnections connections, LiveProperties properties, EventStreams streams) {
        this.connections = connections;
        this.properties = properties;
        this.streams = streams;
    }

    /** Who typed: an agent id or a user id, with its kind. */
    record Signal(UUID sessionId, String kind, String id, boolean typing, String at) {}

    SseEmitter listen(Principal listener, UUID sessionId) {
        Runnable release = connections.open(listener);
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Set<SseEmitter> session = listeners.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet());
        session.add(emitter);
        Runnable forget = () -> {
            session.remove(emitter);
            release.run();
        };
        emitter.onCompletion(forget);
        emitter.onTimeout(() -> {
            forget.run();
            emitter.complete();
        });
        emitter.onError(error -> forget.run());
        try {
            // A first comment tells the client (and every proxy on the way) that the stream is open.
            emitter.send(SseEmitter.event().comment("listening"));
        } catch (IOException e) {
            forget.run();
        }
        return emitter;
    }

    @Override
    public void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void beat() {
        listeners
                .values()
                .forEach(session -> session.forEach(emitter -> {
                    try {
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                    } catch (IOException | IllegalStateException gone) {
                        session.remove(emitter);
                    }
                }));
    }

    /**
     * Ends the open streams before the web server's graceful shutdown, which would otherwise wait for them (they have
     * no end of their own) until its timeout. Clients reconnect to another instance.
     */
    @Override
    public void stop() {
        running = false;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        listeners.values().forEach(session -> session.forEach(SseEmitter::complete));
        listeners.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** To the session's typing streams and, as {@code session.typing}, to the live event streams it is for. */
    void send(Signal signal, UUID spaceId, UUID agentId) {
        streams.signal(new Notification(
                EVENT,
                spaceId,
                agentId,
                signal.sessionId(),
                Instant.parse(signal.at()),
                Map.of(
                        "sessionId", signal.sessionId().toString(),
                        "kind", signal.kind(),
                        "id", signal.id(),
                        "typing", signal.typing(),
                        "at", signal.at())));
        Set<SseEmitter> session = listeners.get(signal.sessionId());
        if (session == null) {
            return;
        }
        for (SseEmitter emitter : session) {
            try {
                emitter.send(SseEmitter.event().name(EVENT).data(signal, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                session.remove(emitter);
            }
        }
    }
}
