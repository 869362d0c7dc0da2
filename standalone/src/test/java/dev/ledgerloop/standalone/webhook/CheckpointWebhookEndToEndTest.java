package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.merkle.SignedCheckpoint;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints go out as {@code log.checkpoint} webhooks that verify with the published key, and their deliveries do
 * not cause further checkpoints (docs/verifiable-record.md §Signed checkpoints).
 */
class CheckpointWebhookEndToEndTest {
    @TempDir
    Path data;

    @Test
    void every_checkpoint_is_delivered_signed_and_delivering_it_calls_for_no_new_one() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0);
                WebhookReceiver receiver = new WebhookReceiver()) {
            Api owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
            String url = receiver.url("/checkpoints", always(200));
            owner.post("/v1/admin/webhooks", "{\"url\":\"" + url + "\",\"eventTypes\":[\"log.*\"]}")
                    .expect(201);
            String verifierKey =
                    owner.get("/v1/admin/log/verifier-key").expect(200).text();
            String session = owner.openSession();
            owner.sendMessage(session, dev.ledgerloop.standalone.fixture.Envelopes.envelope());
            List<RecordedEvent> content = EventLog.stream(system, "session-" + session);

            patiently().untilAsserted(() -> {
                List<JsonNode> checkpoints = received(receiver);
                assertThat(checkpoints).isNotEmpty();
                String latest = owner.get("/v1/admin/log/checkpoint").text();
                // The latest checkpoint covers the session's events: no content is left to call for another one.
                long size =
                        SignedCheckpoint.open(latest, verifierKey).orElseThrow().treeSize();
                for (RecordedEvent event : content) {
                    assertThat(owner.get("/v1/admin/log/proof/inclusion?eventId=" + event.getEventId() + "&treeSize="
                                            + size)
                                    .status())
                            .isEqualTo(200);
                }
                assertThat(checkpoints)
                        .extracting(body -> body.at("/data/checkpoint").asText())
                        .contains(latest);
            });
            for (JsonNode delivery : received(receiver)) {
                assertThat(delivery.get("type").asText()).isEqualTo("log.checkpoint");
                SignedCheckpoint checkpoint = SignedCheckpoint.open(
                                delivery.at("/data/checkpoint").asText(), verifierKey)
                        .orElseThrow();
                assertThat(checkpoint.treeSize())
                        .isEqualTo(delivery.at("/data/treeSize").asLong());
                assertThat(checkpoint.origin())
                        .isEqualTo("ledgerloop/spaces/" + system.secrets().spaceId());
            }

            String settled = owner.get("/v1/admin/log/checkpoint").text();
            // Its delivery is recorded as events of the space within milliseconds; were they content, the next
            // checkpoint would follow a second later.
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> owner.get("/v1/admin/log/checkpoint").text().equals(settled));
        }
    }

    private static List<JsonNode> received(WebhookReceiver receiver) {
        return receiver.received("/checkpoints").stream()
                .map(delivery -> Json.read(delivery.body()))
                .toList();
    }
}
