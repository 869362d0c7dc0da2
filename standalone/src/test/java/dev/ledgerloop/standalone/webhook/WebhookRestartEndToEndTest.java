package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart of the whole system in the middle of a retry schedule: the schedule is durable, so every delivery goes
 * on where it stood, and nothing is created twice (the same events, the same {@code webhook-id}s).
 */
class WebhookRestartEndToEndTest {
    private static final String[] SCHEDULE = {
        "--ledgerloop.webhooks.retry-schedule=0s" + ",300ms".repeat(30),
        "--ledgerloop.webhooks.jitter=0",
        "--ledgerloop.webhooks.timeout=2s"
    };
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void a_restart_in_the_middle_of_a_retry_schedule_loses_no_delivery_and_duplicates_none() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String url = receiver.url("/restart", n -> up.get() ? 200 : 503);
            String key;
            try (LedgerloopSystem system = LedgerloopSystem.start(data, 0, SCHEDULE)) {
                key = system.secrets().bootstrapKeyOnce();
                Api api = Api.gateway(system).withKey(key, "restart");
                String agentId = api.agentId();
                assertThat(api.post("/v1/admin/webhooks", endpoint(url, agentId, null))
                                .status())
                        .isEqualTo(201);
                for (int i = 0; i < 3; i++) {
                    api.sendMessage(api.openSession(), envelope());
                }
                // Six deliveries (three sessions opened, three messages), each failed at least once.
                await().atMost(PATIENCE).until(() -> webhookIds(receiver).size() == 6);
            }
            Set<String> beforeRestart = webhookIds(receiver);
            int requestsBeforeRestart = receiver.received("/restart").size();
            up.set(true);

            try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0, SCHEDULE)) {
                Api api = Api.gateway(restarted).withKey(key, "restart");
                await().atMost(PATIENCE).untilAsserted(() -> {
                    JsonNode deliveries =
                            api.get("/v1/agent/webhook-deliveries?limit=100").data();
                    assertThat(deliveries).hasSize(6);
                    assertThat(deliveries)
                            .allSatisfy(delivery ->
                                    assertThat(delivery.get("status").asText()).isEqualTo("Succeeded"));
                });
                List<WebhookReceiver.Received> afterRestart = receiver.received("/restart")
                        .subList(
                                requestsBeforeRestart,
                                receiver.received("/restart").size());
                assertThat(afterRestart).isNotEmpty();
                // No new delivery appeared: the retries after the restart carry the ids from before it.
                assertThat(webhookIds(receiver)).isEqualTo(beforeRestart);
                assertThat(afterRestart.stream()
                                .map(delivery -> delivery.header("webhook-id"))
                                .collect(Collectors.toSet()))
                        .isEqualTo(beforeRestart);
            }
        }
    }

    private static Set<String> webhookIds(WebhookReceiver receiver) {
        return new HashSet<>(receiver.webhookIds("/restart"));
    }
}
