package dev.ledgerloop.standalone.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP receiver for webhook deliveries (the JDK's server): every path has a behaviour that answers a status
 * for the n-th request it gets, and every request is kept with its headers and body.
 */
public final class WebhookReceiver implements AutoCloseable {
    public record Received(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Answers a status for the request, which is the {@code n}-th to its path (from 1). */
    public interface Behaviour {
        int answer(int n) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Set<String> echoing = ConcurrentHashMap.newKeySet();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        received.put(path, new CopyOnWriteArrayList<>());
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Like {@link #url}, but every answer's body is the request's body, as some receivers do. */
    public String echoingUrl(String path, Behaviour behaviour) {
        echoing.add(path);
        return url(path, behaviour);
    }

    /**
     * The requests to the path so far, as a copy: a view of the list deliveries keep growing (a {@code subList} of it)
     * threw {@code ConcurrentModificationException} when a retry arrived while a test read it.
     */
    public List<Received> received(String path) {
        List<Received> requests = received.get(path);
        return requests == null ? null : List.copyOf(requests);
    }

    /** The {@code webhook-id} of every request to the path, in the order they came, repeats included. */
    List<String> webhookIds(String path) {
        return received(path).stream()
                .map(delivery -> delivery.header("webhook-id"))
                .toList();
    }

    public static Behaviour always(int status) {
        return n -> status;
    }

    public static Behaviour failingFirst(int failures) {
        return n -> n <= failures ? 500 : 200;
    }

    static Behaviour by(Function<Integer, Integer> answer) {
        return answer::apply;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        List<Received> requests = received.get(path);
        int status;
        if (requests == null) {
            status = 404;
        } else {
            int n;
            // Two requests arriving together each get their own n, as a receiver counting its requests would.
            synchronized (requests) {
                requests.add(new Received(headers, body));
                n = requests.size();
            }
            try {
                status = behaviours.get(path).answer(n);
            } catch (Exception e) {
                status = 500;
            }
        }
        byte[] answer =
                (echoing.contains(path) ? body : "{\"received\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        if (status / 100 == 3) {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
        }
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
