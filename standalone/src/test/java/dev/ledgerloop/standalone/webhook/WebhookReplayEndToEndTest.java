package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static dev.ledgerloop.standalone.webhook.Webhooks.dispatcher;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of the dispatcher (its tokens reset, every event handled again) creates no second delivery for an
 * (event, endpoint) pair and sends nothing again: delivery ids are derived from the event and the endpoint.
 */
class WebhookReplayEndToEndTest {
    @TempDir
    Path data;

    @Test
    void replaying_the_dispatcher_from_the_start_duplicates_no_delivery() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0);
                WebhookReceiver receiver = new WebhookReceiver()) {
            Api api = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "replayed");
            String agentId = api.agentId();
            String url = receiver.url("/replayed", always(200));
            assertThat(api.post("/v1/admin/webhooks", endpoint(url, agentId, null))
                            .status())
                    .isEqualTo(201);
            api.sendMessage(api.openSession(), envelope());
            patiently().until(() -> receiver.received("/replayed").size() == 2);
            patiently().until(() -> deliveries(api).size() == 2);

            StreamingEventProcessor dispatcher = dispatcher(system);
            dispatcher.shutDown();
            dispatcher.resetTokens();
            dispatcher.start();
            // The replay has caught up once the processor's position is at the head of the log again.
            patiently().until(() -> !dispatcher.isReplaying() && caughtUp(dispatcher));
            // Sessions opened after the replay are delivered once each; the replay sent nothing: not the two
            // deliveries made before it again, and not the session the agent opened before the endpoint existed.
            // The dispatcher works in log order, so once the last session's delivery exists, any delivery the replay
            // made would exist too.
            api.openSession();
            String last = api.openSession();
            patiently().until(() -> receiver.received("/replayed").stream()
                    .anyMatch(received -> received.body().contains(last)));
            assertThat(deliveries(api)).hasSize(4);
            assertThat(receiver.received("/replayed")).hasSize(4);
            assertThat(new HashSet<>(receiver.webhookIds("/replayed"))).hasSize(4);
        }
    }

    /** Not before the restarted processor has claimed its segment: an empty status would count as caught up. */
    private static boolean caughtUp(StreamingEventProcessor processor) {
        return !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                        .allMatch(status -> status.isCaughtUp() && !status.isReplaying());
    }

    private static Set<String> deliveries(Api api) throws Exception {
        return new HashSet<>(
                Json.ids(api.get("/v1/agent/webhook-deliveries?limit=100").data()));
    }
}
