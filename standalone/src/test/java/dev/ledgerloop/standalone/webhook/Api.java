package dev.ledgerloop.standalone.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;

/** The public API through the gateway, as one agent of the bootstrap key (the space owner) calls it. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String key;
    private final String agentName;

    Api(int gatewayPort, String key, String agentName) {
        this.base = "http://localhost:" + gatewayPort;
        this.key = key;
        this.agentName = agentName;
    }

    record Answer(int status, JsonNode body) {}

    Answer post(String path, String body) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer patch(String path, String body) throws Exception {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    /** Opens a session and answers its id; the first call also makes the agent. */
    String openSession() throws Exception {
        return post("/v1/agent/sessions", "{}").body().get("id").asText();
    }

    String agentId() throws Exception {
        return post("/v1/agent/sessions", "{}").body().get("agentId").asText();
    }

    JsonNode sendMessage(String sessionId, String envelope) throws Exception {
        Answer sent = post("/v1/agent/sessions/" + sessionId + "/messages", "{\"encryptedContent\":" + envelope + "}");
        if (sent.status() != 201) {
            throw new AssertionError("send answered " + sent);
        }
        return sent.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .header("X-Hiloop", agentName);
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body == null || body.isEmpty() ? null : JSON.readTree(body));
    }

    /** A well-formed end-to-end envelope (API.md): the server checks its shape and never decrypts it. */
    static String envelope() {
        return "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\",\"ciphertext\":\"" + base64(12 + 40 + 16)
                + "\",\"wrappings\":[{\"kid\":\"human-1\",\"epk\":\"" + base64(32) + "\",\"wrappedKey\":\""
                + base64(60) + "\"}]}";
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
