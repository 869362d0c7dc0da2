package dev.ledgerloop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests one after another on a kept-alive connection, the way HTTP/1.1 clients reuse connections: each gets its
 * answer. A request that arrived while the previous one was still finishing and was then answered at once (a 401
 * needs no backend) once left the connection unread, so the next request on it waited for ever (docs/architecture.md,
 * Decisions, "Reactor Netty 1.3.8").
 */
class KeepAliveTest {
    private static final int ROUNDS = 300;

    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(commandSide.uri(), querySide.uri());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
    }

    @Test
    void every_request_on_a_reused_connection_is_answered_when_quick_refusals_follow_proxied_answers()
            throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI sessions = URI.create("http://127.0.0.1:" + gateway.port() + "/v1/agent/sessions");
        HttpRequest proxied = HttpRequest.newBuilder(sessions)
                .header("X-API-Key", gateway.apiKey)
                .timeout(Duration.ofSeconds(15))
                .build();
        HttpRequest refused =
                HttpRequest.newBuilder(sessions).timeout(Duration.ofSeconds(15)).build();

        List<String> unanswered = new ArrayList<>();
        for (int round = 0; round < ROUNDS && unanswered.isEmpty(); round++) {
            for (HttpRequest request : List.of(proxied, refused, refused)) {
                try {
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                } catch (HttpTimeoutException noAnswer) {
                    unanswered.add("round " + round + ", " + (request == proxied ? "proxied" : "refused"));
                }
            }
        }

        assertThat(unanswered).isEmpty();
    }
}
