package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that keeps failing for longer than {@code ledgerloop.webhooks.disable-after} (5 days by default,
 * shortened here) is disabled with the reason recorded.
 */
class WebhookDisableEndToEndTest {
    @TempDir
    Path data;

    @Test
    void an_endpoint_failing_longer_than_the_limit_is_disabled_with_the_reason() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(
                        data,
                        0,
                        "--ledgerloop.webhooks.retry-schedule=0s,300ms,300ms,300ms,300ms,300ms,300ms,300ms",
                        "--ledgerloop.webhooks.jitter=0",
                        "--ledgerloop.webhooks.disable-after=1s");
                WebhookReceiver receiver = new WebhookReceiver()) {
            Api api = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "failing");
            String agentId = api.agentId();
            String url = receiver.url("/failing", always(500));
            String webhookId =
                    api.post("/v1/admin/webhooks", endpoint(url, agentId, null)).id();

            api.openSession();

            patiently().untilAsserted(() -> {
                JsonNode webhook = api.get("/v1/admin/webhooks/" + webhookId).body();
                assertThat(webhook.get("enabled").asBoolean()).isFalse();
                assertThat(webhook.get("disabledReason").asText()).contains("Failing without a success since");
            });
            int attempts = receiver.received("/failing").size();
            assertThat(attempts).isBetween(2, 8);
        }
    }
}
