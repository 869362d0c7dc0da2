package dev.ledgerloop.standalone.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a server-sent event stream on a thread of its own into a list of events, as a client would. */
public final class SseReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its id (the log position), type and body. */
    public record Event(String id, String type, JsonNode body) {}

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();

    private SseReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseReader of(HttpResponse<Stream<String>> response) {
        return new SseReader(response);
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, type, parse(data.toString())));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (UncheckedIOException closed) {
            // the client closed the stream
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public boolean listening() {
        return comments.contains("listening");
    }

    @Override
    public void close() {
        response.body().close();
    }
}
