package dev.ledgerloop.standalone.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledgerloop.standalone.fixture.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Until the key endpoints of the contract (§2: {@code PUT /v1/human/public-key}, {@code GET
 * /v1/human/sessions/{id}/recipients}) are on main, this answers them for the inbox's browser tests, and passes every
 * other request unchanged to the real gateway (the inbox's files included, with their headers). It also keeps the
 * bodies of the answers the browser sends, so a test can check their signatures before the server stores them.
 * Remove it when the real endpoints land: the tests then open the gateway itself.
 */
final class KeyEndpointsStandIn implements AutoCloseable {
    private static final Pattern RECIPIENTS = Pattern.compile("/v1/human/sessions/([^/]+)/recipients");
    private static final Pattern RESPOND = Pattern.compile("/v1/human/sessions/[^/]+/messages/([^/]+)/respond");
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");

    private final URI gateway;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, ObjectNode> humanKeys = new ConcurrentHashMap<>();
    private final List<JsonNode> agents = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> answersByMessage = new ConcurrentHashMap<>();

    KeyEndpointsStandIn(int gatewayPort) throws IOException {
        this.gateway = URI.create("http://localhost:" + gatewayPort);
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** The agent as {@code recipients} lists it. */
    void agentKey(String agentId, ContractCrypto.KeyPair key) {
        agents.add(Json.MAPPER
                .createObjectNode()
                .put("kind", "agent")
                .put("id", agentId)
                .put("kid", key.kid())
                .put("publicKey", ContractCrypto.base64(key.publicKey())));
    }

    /** What the human registered with {@code PUT /v1/human/public-key}, or null. */
    JsonNode humanKey(String userId) {
        return humanKeys.get(userId);
    }

    /** The body of the browser's answer to this message, or null. */
    JsonNode answerTo(String messageId) {
        return answersByMessage.get(messageId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("PUT") && path.equals("/v1/human/public-key")) {
                registerHumanKey(exchange, body);
                return;
            }
            Matcher recipients = RECIPIENTS.matcher(path);
            if (method.equals("GET") && recipients.matches()) {
                ObjectNode answer = Json.MAPPER.createObjectNode();
                ArrayNode items = answer.putArray("items");
                items.addAll(agents);
                humanKeys.values().forEach(items::add);
                reply(exchange, 200, answer);
                return;
            }
            Matcher respond = RESPOND.matcher(path);
            if (method.equals("POST") && respond.matches()) {
                answersByMessage.put(respond.group(1), Json.read(new String(body, StandardCharsets.UTF_8)));
            }
            forward(exchange, method, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void registerHumanKey(HttpExchange exchange, byte[] body) throws IOException {
        String userId = subjectOf(exchange.getRequestHeaders().getFirst("Authorization"));
        JsonNode request = Json.read(new String(body, StandardCharsets.UTF_8));
        byte[] publicKey = Base64.getDecoder().decode(request.get("publicKey").asText());
        byte[] signingKey =
                Base64.getDecoder().decode(request.get("signingPublicKey").asText());
        String kid = ContractCrypto.keyId(publicKey);
        if (publicKey.length != 32
                || signingKey.length != 32
                || !kid.equals(request.path("fingerprint").asText(kid))) {
            reply(exchange, 400, Json.MAPPER.createObjectNode().put("code", "VALIDATION_ERROR"));
            return;
        }
        ObjectNode registered = Json.MAPPER
                .createObjectNode()
                .put("kind", "human")
                .put("id", userId)
                .put("role", "member")
                .put("kid", kid)
                .put("publicKey", request.get("publicKey").asText())
                .put("signingPublicKey", request.get("signingPublicKey").asText());
        humanKeys.put(userId, registered);
        reply(
                exchange,
                200,
                Json.MAPPER
                        .createObjectNode()
                        .put("userId", userId)
                        .put("publicKey", request.get("publicKey").asText())
                        .put("fingerprint", kid)
                        .put("signingPublicKey", request.get("signingPublicKey").asText())
                        .put("signingKeyId", ContractCrypto.keyId(signingKey))
                        .put("registeredAt", Instant.now().toString()));
    }

    /**
     * The {@code sub} of a Bearer JWT, or of a guest access token ({@code hlga_<payload>.<mac>}), which the gateway
     * checks on every other call; here only read.
     */
    private static String subjectOf(String authorization) {
        String token = authorization.substring("Bearer ".length());
        String payload = token.startsWith("hlga_") ? token.substring(5).split("\\.")[0] : token.split("\\.")[1];
        return Json.read(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .get("sub")
                .asText();
    }

    private void forward(HttpExchange exchange, String method, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        gateway.resolve(exchange.getRequestURI().toString()))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean empty = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : 0);
        try (InputStream in = response.body();
                OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                // Streams (typing) reach the browser as they come.
                out.flush();
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
