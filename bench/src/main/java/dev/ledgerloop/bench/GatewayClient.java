package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.SampleEnvelopes.envelope;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The benchmarks' HTTP client to the gateway with the owner's API key (or a human's Bearer token), and a session of a
 * given length.
 */
final class GatewayClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String credentialHeader;
    private final String credential;
    private final String agentName;

    GatewayClient(String base, String key) {
        this(HttpClient.newHttpClient(), base, "X-API-Key", key, null);
    }

    private GatewayClient(HttpClient http, String base, String credentialHeader, String credential, String agentName) {
        this.http = http;
        this.base = base;
        this.credentialHeader = credentialHeader;
        this.credential = credential;
        this.agentName = agentName;
    }

    /** A human with that Bearer token ({@link LedgerloopSystem#mintHumanToken}), on connections of its own. */
    static GatewayClient human(String base, String token) {
        return new GatewayClient(HttpClient.newHttpClient(), base, "Authorization", "Bearer " + token, null);
    }

    /** The same key acting as the agent of that name ({@code X-Hiloop}), on the same connections. */
    GatewayClient as(String agentName) {
        return new GatewayClient(http, base, credentialHeader, credential, agentName);
    }

    /** The id of a new session of this agent. */
    String openSession() throws Exception {
        return JSON.readTree(expect(201, post("/v1/agent/sessions", "{\"encryptedTitle\":" + envelope() + "}"))
                        .body())
                .get("id")
                .asText();
    }

    /** Opens a session and writes to it (participants, messages, every tenth one edited) until it holds that many. */
    String sessionWith(int events) throws Exception {
        String session = openSession();
        String path = "/v1/agent/sessions/" + session;
        int written = 1;
        for (int user = 1; user <= 5; user++, written++) {
            expect(201, post(path + "/participants", "{\"userId\":\"user-" + user + "\",\"role\":\"member\"}"));
        }
        List<String> messages = new ArrayList<>();
        boolean editedLast = false;
        while (written < events) {
            if (messages.size() % 10 == 9 && !editedLast) {
                String last = messages.get(messages.size() - 1);
                expect(200, send("PATCH", path + "/messages/" + last, "{\"encryptedContent\":" + envelope() + "}"));
                editedLast = true;
            } else {
                HttpResponse<String> sent =
                        expect(201, post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}"));
                messages.add(JSON.readTree(sent.body()).get("id").asText());
                editedLast = false;
            }
            written++;
        }
        return session;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    /**
     * A GET whose answer is read to its end and dropped: a large answer (a history is about 0.9 MB) kept as a string is
     * garbage in the system's heap, which a client in another process would not add (docs/replay.md).
     */
    HttpResponse<Void> getDiscarding(String path) throws Exception {
        return http.send(request("GET", path, null).build(), HttpResponse.BodyHandlers.discarding());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(request("GET", path, null).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return http.sendAsync(request("POST", path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that gives up after {@code timeout}: a long-poll. */
    CompletableFuture<HttpResponse<String>> getAsync(String path, Duration timeout) {
        return http.sendAsync(
                request("GET", path, null).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).header(credentialHeader, credential);
        if (agentName != null) {
            request.header("X-Hiloop", agentName);
        }
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    static <T> HttpResponse<T> expect(int status, HttpResponse<T> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
