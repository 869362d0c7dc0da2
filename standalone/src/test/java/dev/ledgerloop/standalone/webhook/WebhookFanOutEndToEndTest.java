package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Envelopes.message;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static dev.ledgerloop.standalone.webhook.Webhooks.SHORT_SCHEDULE;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
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

    @Test
    void writes_never_wait_for_deliveries_and_every_delivery_is_made(@TempDir Path data) throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(
                        data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false), SHORT_SCHEDULE);
                WebhookReceiver receiver = new WebhookReceiver()) {
            String key = system.secrets().bootstrapKeyOnce();
            Api owner = Api.gateway(system).withKey(key, "fan-out");
            String agentId = owner.agentId();
            List<String> paths = new ArrayList<>();
            for (int endpoint = 0; endpoint < ENDPOINTS; endpoint++) {
                String path = "/fan-out-" + endpoint;
                paths.add(path);
                String url = receiver.url(path, always(200));
                Answer created = owner.post("/v1/admin/webhooks", endpoint(url, agentId, null));
                assertThat(created.status()).isEqualTo(201);
            }

            AtomicLong slowestMillis = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<List<String>>> opened = IntStream.range(0, CLIENTS)
                        .mapToObj(client -> clients.submit(() -> burst(owner.withTimeout(STALL), slowestMillis)))
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
                assertThat(receiver.webhookIds(path).stream().distinct()).hasSize(perEndpoint);
            }
        }
    }

    /** One client: opens sessions and sends messages in them, each request bounded by {@link #STALL}. */
    private static List<String> burst(Api client, AtomicLong slowestMillis) throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int session = 0; session < SESSIONS_PER_CLIENT; session++) {
            String sessionId =
                    write(client, "/v1/agent/sessions", "{}", slowestMillis).id();
            sessions.add(sessionId);
            for (int message = 0; message < MESSAGES_PER_SESSION; message++) {
                write(client, "/v1/agent/sessions/" + sessionId + "/messages", message(), slowestMillis);
            }
        }
        return sessions;
    }

    private static Answer write(Api client, String path, String body, AtomicLong slowestMillis) throws Exception {
        long started = System.nanoTime();
        Answer answer = client.post(path, body);
        slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
        assertThat(answer.status())
                .as("POST %s answered %s", path, answer.text())
                .isEqualTo(201);
        return answer;
    }
}
