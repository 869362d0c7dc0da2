package dev.ledgerloop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live WebSocket against stand-in backends (docs/api.md §WebSocket): what the query side's stream sends becomes
 * frames, the stream's request carries the signed principal and the handshake's query, the end of the stream closes
 * with 1000, and a client that does not read is closed with 1008 once
 * {@code max-queued-bytes} of frames wait for it.
 */
class WebSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(), querySide.uri(), Map.of("ledgerloop.gateway.websocket.max-queued-bytes", "100KB"));
    }

    @AfterEach
    void forget() {
        commandSide.forget();
        querySide.forget();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
    }

    @Test
    void the_streams_events_become_frames_and_its_end_closes_the_socket_with_1000() throws Exception {
        querySide.answerWith(stream(":listening\n\n"
                + "id:5-5\nevent:session.message.new\ndata:{\"id\":\"e1\",\"type\":\"session.message.new\","
                + "\"data\":{\"sessionId\":\"s\"}}\n\n"
                + ":heartbeat\n\n"
                + "event:session.typing\ndata:{\"type\":\"session.typing\"}\n\n"));
        Client client = Client.connect("/v1/agent/ws?after=4-4", true);

        await().atMost(Duration.ofSeconds(20)).until(() -> client.closeCode != null);
        assertThat(client.closeCode).isEqualTo(1000);
        List<JsonNode> frames = client.frames;
        assertThat(frames.get(0).toString()).isEqualTo("{\"type\":\"listening\"}");
        assertThat(frames.get(1).toString())
                .isEqualTo("{\"id\":\"5-5\",\"type\":\"session.message.new\",\"data\":{\"id\":\"e1\","
                        + "\"type\":\"session.message.new\",\"data\":{\"sessionId\":\"s\"}}}");
        assertThat(frames.get(2).toString()).isEqualTo("{\"type\":\"heartbeat\"}");
        assertThat(frames.get(3).toString())
                .isEqualTo("{\"type\":\"session.typing\",\"data\":{\"type\":\"session.typing\"}}");

        Backend.Received opened =
                querySide.received("GET", "/v1/agent/stream?after=4-4").get(0);
        assertThat(opened.header("X-Ledgerloop-Principal")).isNotBlank();
        assertThat(opened.header("X-API-Key")).isNull();
    }

    @Test
    void a_client_that_does_not_read_is_closed_with_1008() throws Exception {
        StringBuilder events = new StringBuilder(":listening\n\n");
        String data = "x".repeat(2_000);
        for (int i = 0; i < 15_000; i++) {
            events.append("id:1-")
                    .append(i)
                    .append("\nevent:e\ndata:{\"d\":\"")
                    .append(data)
                    .append("\"}\n\n");
        }
        querySide.answerWith(stream(events.toString()));
        Client client = Client.connect("/v1/agent/ws", false);
        // Reads nothing until the stream has been read to its end or cut off: by then far more than the socket's
        // buffers hold plus the 10 queued frames has waited for it. The close frame then waits behind the buffers.
        await().atMost(Duration.ofSeconds(60)).until(() -> querySide.finishedExchanges() > 0);
        client.socket.request(Long.MAX_VALUE);

        await().atMost(Duration.ofSeconds(60)).until(() -> client.closeCode != null);
        assertThat(client.closeCode).isEqualTo(1008);
        assertThat(client.frames.size()).isLessThan(15_001);
    }

    private static Backend.Answer stream(String body) {
        return new Backend.Answer(
                200, Map.of("Content-Type", "text/event-stream"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Client implements WebSocket.Listener {
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final boolean reading;
        volatile WebSocket socket;
        volatile Integer closeCode;

        private Client(boolean reading) {
            this.reading = reading;
        }

        static Client connect(String path, boolean reading) throws Exception {
            Client client = new Client(reading);
            client.socket = HTTP.newWebSocketBuilder()
                    .header("X-API-Key", gateway.apiKey)
                    .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + path), client)
                    .get(20, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return CompletableFuture.completedFuture(null);
        }
    }
}
