package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several webhook endpoints and several clients writing at once: no write may wait for the webhook machinery.
 *
 * <p>This is the regression test of the 60-second stall (docs/concurrency.md): with a few endpoints, the sender
 * recorded attempts on the common fork-join pool, whose threads then waited for delivery locks held by the
 * dispatcher, whose append in turn needed a common-pool thread to complete. Every write of the system stalled until
 * Axon's unit-of-work timeout. The bound on each request below is a stall detector (a normal write takes
 * milliseconds, the stall took 60 s), not a speed target; the benchmark {@code webhook-soak} prints the figures.
 */
class WebhookFanOutEndToEndTest {
    private static final int ENDPOINTS = 6;
    private static final int CLIENTS = 4;
    private static final int SESSIONS_PER_CLIENT = 6;
    private static final int MESSAGES_PER_SESSION = 1;
    private static final Duration STALL = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void writes_never_wait_for_deliveries_and_every_delivery_is_made(@TempDir Path data) throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(
                        data,
                        0,
                        Map.of("ledgerloop.gateway.rate-limit.enabled", false),
                        WebhookDeliveryEndToEndTest.SHORT_SCHEDULE);
                WebhookReceiver receiver = new WebhookReceiver()) {
            String key = system.secrets().bootstrapKeyOnce();
            Api owner = new Api(system.gatewayPort(), key, "fan-out");
            String agentId = owner.agentId();
            List<String> paths = new ArrayList<>();
            for (int endpoint = 0; endpoint < ENDPOINTS; endpoint++) {
                String path = "/fan-out-" + endpoint;
                paths.add(path);
                String url = receiver.url(path, always(200));
                Api.Answer created =
                        owner.post("/v1/admin/webhooks", WebhookDeliveryEndToEndTest.endpoint(url, agentId, null));
                assertThat(created.status()).isEqualTo(201);
            }

            AtomicLong slowestMillis = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<List<String>>> opened = IntStream.range(0, CLIENTS)
                        .mapToObj(client -> clients.submit(() -> burst(system.gatewayPort(), key, slowestMillis)))
                        .toList();
                List<String> sessions = new ArrayList<>();
                for (Future<List<String>> client : opened) {
                    sessions.addAll(client.get(2, TimeUnit.MINUTES));
                }
                assertThat(sessions).hasSize(CLIENTS * SESSIONS_PER_CLIENT);
            } finally {
                clients.shutdownNow();
            }
            System.out.printf(
                    "%d writes from %d clients with %d endpoints: slowest %d ms%n",
                    CLIENTS * SESSIONS_PER_CLIENT * (1 + MESSAGES_PER_SESSION),
                    CLIENTS,
                    ENDPOINTS,
                    slowestMillis.get());

            // The endpoints existed before the burst: session.created, then session.message.new per message.
            int perEndpoint = CLIENTS * SESSIONS_PER_CLIENT * (1 + MESSAGES_PER_SESSION);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String path : paths) {
                    assertThat(receiver.received(path)).hasSizeGreaterThanOrEqualTo(perEndpoint);
                }
            });
            for (String path : paths) {
                assertThat(receiver.received(path).stream()
                                .map(delivery -> delivery.header("webhook-id"))
                                .distinct())
                        .hasSize(perEndpoint);
            }
        }
    }

    /** One client: opens sessions and sends messages in them, each request bounded by {@link #STALL}. */
    private static List<String> burst(int port, String key, AtomicLong slowestMillis) throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int session = 0; session < SESSIONS_PER_CLIENT; session++) {
            JsonNode opened = write(port, key, "/v1/agent/sessions", "{}", slowestMillis);
            String sessionId = opened.get("id").asText();
            sessions.add(sessionId);
            for (int message = 0; message < MESSAGES_PER_SESSION; message++) {
                write(
                        port,
                        key,
                        "/v1/agent/sessions/" + sessionId + "/messages",
                        "{\"encryptedContent\":" + Api.envelope() + "}",
                        slowestMillis);
            }
        }
        return sessions;
    }

    private static JsonNode write(int port, String key, String path, String body, AtomicLong slowestMillis)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(STALL)
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .header("X-Hiloop", "fan-out")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
        assertThat(response.statusCode())
                .as("POST %s answered %s", path, response.body())
                .isEqualTo(201);
        return Api.JSON.readTree(response.body());
    }
}
