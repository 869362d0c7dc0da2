package dev.ledgerloop.query.live;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Typing indicators (docs/api.md §Typing: not stored as events, fanned out live): each session's open server-sent
 * event streams, and the signals sent to them as they come. Streams of this instance only; see docs/services.md.
 */
@Component
class TypingSignals implements SmartLifecycle {
    static final String EVENT = "session.typing";
    private static final long NO_TIMEOUT = 0L;

    private final Map<UUID, Set<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;

    /** Who typed: an agent id or a user id, with its kind. */
    record Signal(UUID sessionId, String kind, String id, boolean typing, String at) {}

    SseEmitter listen(UUID sessionId) {
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        Set<SseEmitter> session = listeners.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet());
        session.add(emitter);
        Runnable forget = () -> session.remove(emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
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
        running = true;
    }

    /**
     * Ends the open streams before the web server's graceful shutdown, which would otherwise wait for them (they have
     * no end of their own) until its timeout. Clients reconnect to another instance.
     */
    @Override
    public void stop() {
        running = false;
        listeners.values().forEach(session -> session.forEach(SseEmitter::complete));
        listeners.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void send(Signal signal) {
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
