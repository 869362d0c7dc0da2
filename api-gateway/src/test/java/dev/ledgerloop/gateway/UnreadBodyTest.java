package dev.ledgerloop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own answer to a request whose body it did not read says {@code Connection: close}: the server closes
 * such a connection after answering, and a client that sent its next request on it met an EOF instead of an answer
 * (the authorization matrix's refused uploads and sends did, now and then).
 */
class UnreadBodyTest {
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
    void a_refusal_before_the_body_is_read_says_the_connection_closes() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        // An agent's key on a human route: refused before the body is read (and not a failed authentication).
        URI humans = URI.create("http://127.0.0.1:" + gateway.port() + "/v1/human/feed");

        HttpResponse<Void> withBody = client.send(
                HttpRequest.newBuilder(humans)
                        .header("X-API-Key", gateway.apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"" + "a".repeat(4000) + "\"}"))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> withoutBody = client.send(
                HttpRequest.newBuilder(humans)
                        .header("X-API-Key", gateway.apiKey)
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(withBody.statusCode()).isEqualTo(401);
        assertThat(withBody.headers().firstValue("Connection")).contains("close");
        assertThat(withoutBody.statusCode()).isEqualTo(401);
        assertThat(withoutBody.headers().firstValue("Connection")).isEmpty();
    }
}
