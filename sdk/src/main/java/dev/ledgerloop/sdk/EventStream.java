package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A running subscription to the live event stream (server-sent events). Reconnects on its own whenever the stream
 * ends or breaks (the server ends streams after 30 minutes, restarts, networks fail), resuming with {@code
 * Last-Event-ID} after the last event handled, so no event is missed or handed out twice; waits 250 ms doubling to 5 s
 * between failed attempts. {@link #close()} stops it.
 */
public final class EventStream implements AutoCloseable {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Http http;
    private final StreamListener listener;
    private final Thread thread;
    private volatile String lastEventId;
    private volatile boolean closed;
    private volatile Stream<String> current;

    EventStream(Http http, String afterId, StreamListener listener) {
        this.http = http;
        this.listener = listener;
        this.lastEventId = afterId;
        this.thread = new Thread(this::run, "ledgerloop-stream");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The id of the last event handled (or the id the stream started after); null before the first. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Whether the stream still runs (not closed, not stopped by an error). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the stream and waits (up to 5 s) for the listener to finish the event it handles: afterwards it gets no
     * more events and {@link #lastEventId()} no longer changes.
     */
    @Override
    public void close() {
        closed = true;
        Stream<String> lines = current;
        if (lines != null) {
            lines.close();
        }
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try {
                String after = lastEventId;
                HttpResponse<Stream<String>> response =
                        http.lines("/v1/agent/stream", after == null ? Map.of() : Map.of("Last-Event-ID", after));
                try (Stream<String> lines = response.body()) {
                    current = lines;
                    if (closed) {
                        return;
                    }
                    backoff = FIRST_BACKOFF;
                    read(lines.iterator());
                } finally {
                    current = null;
                }
            } catch (LedgerloopException e) {
                if (!e.isTransient()) {
                    stop(e);
                    return;
                }
            } catch (UncheckedIOException e) {
                // the connection broke: reconnect
            } catch (ListenerFailed e) {
                stop(new LedgerloopException(
                        0, "LISTENER_FAILED", "The stream listener failed: " + e.getCause(), e.getCause()));
                return;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Reads events until the stream ends. */
    private void read(Iterator<String> lines) {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        while (!closed && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    dispatch(id, type, data.toString());
                }
                id = null;
                type = null;
                data.setLength(0);
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> type = value;
                    case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                    default -> {
                        // retry and unknown fields: nothing to do
                    }
                }
            }
        }
    }

    private void dispatch(String id, String type, String data) {
        JsonNode payload;
        try {
            payload = Http.JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamEvent event =
                new StreamEvent(id, type != null ? type : payload.path("type").asText(null), payload);
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            throw new ListenerFailed(e);
        }
        if (id != null) {
            lastEventId = id;
        }
    }

    private void stop(LedgerloopException error) {
        closed = true;
        listener.onError(error);
    }

    private static final class ListenerFailed extends RuntimeException {
        ListenerFailed(RuntimeException cause) {
            super(cause);
        }
    }
}
