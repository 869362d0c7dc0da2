package dev.ledgerloop.standalone.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A WebSocket client (the JDK's) that keeps every text frame it receives, as JSON, and how the socket closed. */
final class SocketClient implements AutoCloseable, WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile Integer closeCode;
    private volatile Throwable failure;

    private SocketClient() {}

    /** Connects with these handshake headers; fails with the handshake's refusal if it is refused. */
    static SocketClient connect(URI uri, Map<String, String> headers) throws Exception {
        SocketClient client = new SocketClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client).get(30, TimeUnit.SECONDS);
        return client;
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    List<JsonNode> frames(String type) {
        return frames.stream()
                .filter(frame -> frame.path("type").asText().equals(type))
                .toList();
    }

    boolean listening() {
        return !frames("listening").isEmpty();
    }

    Integer closeCode() {
        return closeCode;
    }

    /** Closed by a close frame or by the connection dropping. */
    boolean closed() {
        return closeCode != null || failure != null;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends without waiting: for a frame the server may refuse by closing while it is still being written. */
    void sendWithoutWaiting(String text) {
        socket.sendText(text, true);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failure = error;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                    .exceptionally(closedAlready -> socket)
                    .join();
        }
        socket.abort();
    }
}
