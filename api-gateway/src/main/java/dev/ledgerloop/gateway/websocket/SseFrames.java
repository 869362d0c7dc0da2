package dev.ledgerloop.gateway.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live event stream's server-sent events re-framed as WebSocket text frames: an event becomes {@code {"id","type",
 * "data"}} with the SSE id (if it has one), event name and data unchanged; the {@code :listening} and {@code :heartbeat} comments
 * become {@code {"type":"listening"}} and {@code {"type":"heartbeat"}}.
 */
final class SseFrames {
    private static final Logger log = LoggerFactory.getLogger(SseFrames.class);

    private SseFrames() {}

    /** A line longer than {@code maxLineBytes} fails the stream rather than grow without bound. */
    static Flux<String> of(Flux<DataBuffer> stream, int maxLineBytes, ObjectMapper json) {
        StringDecoder lines = StringDecoder.allMimeTypes();
        lines.setMaxInMemorySize(maxLineBytes);
        return lines.decode(stream, ResolvableType.forClass(String.class), MimeTypeUtils.TEXT_PLAIN, Map.of())
                .bufferUntil(String::isEmpty)
                .concatMap(event -> Mono.justOrEmpty(frame(event, json)));
    }

    private static String frame(List<String> lines, ObjectMapper json) {
        String id = null;
        String type = null;
        StringBuilder data = null;
        String comment = null;
        for (String line : lines) {
            if (line.startsWith(":")) {
                comment = line.substring(1).strip();
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> type = value;
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> {}
            }
        }
        if (data == null) {
            return "listening".equals(comment) || "heartbeat".equals(comment) ? "{\"type\":\"" + comment + "\"}" : null;
        }
        ObjectNode frame = json.createObjectNode();
        if (id != null) {
            // Signals that are not in the log (typing) come without one: they move no resume position.
            frame.put("id", id);
        }
        frame.put("type", type);
        try {
            frame.set("data", json.readTree(data.toString()));
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            // The query side writes JSON; anything else is a bug there, and a client cannot use it either.
            log.warn("Skipped a live event whose data is not JSON (id {}, type {})", id, type);
            return null;
        }
    }
}
