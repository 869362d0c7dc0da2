package dev.ledgerloop.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** A real HTTP server standing in for the command or the query side: records what it receives, answers as told. */
final class Backend implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Answer answer;

    private Backend(String name) throws IOException {
        this.name = name;
        this.answer = Answer.json(200, "{\"side\":\"" + name + "\"}");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static Backend start(String name) {
        try {
            return new Backend(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answerWith(Answer next) {
        this.answer = next;
    }

    /** The oldest request not yet taken, or null when none arrived. */
    Received nextRequest() {
        return received.poll();
    }

    /** The requests received so far with this method and path, left in the queue. */
    List<Received> received(String method, String uri) {
        return received.stream()
                .filter(request ->
                        request.method().equals(method) && request.uri().equals(uri))
                .toList();
    }

    boolean receivedNothing() {
        return received.isEmpty();
    }

    void forget() {
        received.clear();
        answer = Answer.json(200, "{\"side\":\"" + name + "\"}");
    }

    /** Exchanges whose answer was written to its end or broke off (the client went away). */
    int finishedExchanges() {
        return finished.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        } finally {
            finished.incrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((key, values) -> headers.put(key, List.copyOf(values)));
        received.add(new Received(
                exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
        Answer now = answer;
        now.headers().forEach((key, value) -> exchange.getResponseHeaders().add(key, value));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(now.status(), head || now.body().length == 0 ? -1 : now.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(now.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A request as the backend saw it. Header names are case-insensitive. */
    record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        /** The raw path, without the query: what the principal signature covers. */
        String path() {
            return java.net.URI.create(uri).getRawPath();
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** In lower case (the JDK server changes the case of header names). */
        List<String> headerNamesStartingWith(String prefix) {
            return headers.keySet().stream()
                    .map(key -> key.toLowerCase(Locale.ROOT))
                    .filter(key -> key.startsWith(prefix.toLowerCase(Locale.ROOT)))
                    .toList();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the backend answers. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer json(int status, String json) {
            return new Answer(
                    status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
