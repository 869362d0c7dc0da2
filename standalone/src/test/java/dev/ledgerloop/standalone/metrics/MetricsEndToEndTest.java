package dev.ledgerloop.standalone.metrics;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import dev.ledgerloop.standalone.webhook.Webhooks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/metrics.md through real HTTP: every service's {@code /actuator/prometheus} answers the metrics token only, and
 * after a session, a message and a delivered webhook it shows the request, append, delivery, processor lag and parked
 * event meters, each named after its service.
 */
class MetricsEndToEndTest {
    private static final String METRICS = "/actuator/prometheus";

    @TempDir
    Path data;

    @Test
    void every_service_shows_its_meters_to_the_holder_of_the_metrics_token_only() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                LedgerloopSystem system = LedgerloopSystem.start(data, 0, "--ledgerloop.metrics.lag-refresh=2s")) {
            String token = system.secrets().metricsTokenOnce();
            assertThat(token).startsWith("hlm_");
            Api owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
            String session = owner.openSession();
            String agentId = owner.agentId();
            owner.post("/v1/admin/webhooks", Webhooks.endpoint(receiver.url("/hook", n -> 200), agentId, null))
                    .expect(201);
            owner.post("/v1/agent/sessions/" + session + "/messages", "{\"encryptedContent\":" + envelope() + "}")
                    .expect(201);
            patiently().until(() -> !receiver.received("/hook").isEmpty());

            Api gateway = Api.gateway(system);
            Api commandSide = Api.at(system.commandSideUri());
            Api querySide = Api.at(system.querySideUri());
            for (Api service : new Api[] {gateway, commandSide, querySide}) {
                assertRefused(service.get(METRICS));
                assertRefused(service.withHeader("Authorization", "Bearer hlm_0123456789abcdef0123456789abcdef")
                        .get(METRICS));
                // An API key is no metrics token: the meters span every space.
                assertRefused(service.withHeader(
                                "Authorization", "Bearer " + system.secrets().bootstrapKeyOnce())
                        .get(METRICS));
            }

            String gatewayMeters = scrape(gateway, token);
            assertThat(gatewayMeters)
                    .contains("http_server_requests_seconds_count{")
                    .contains("service=\"api-gateway\"");
            patiently().untilAsserted(() -> assertThat(scrape(commandSide, token))
                    .contains("ledgerloop_eventstore_append_seconds_count{service=\"command-side\"}")
                    .containsPattern("ledgerloop_webhook_attempts_seconds_count\\{outcome=\"delivered\","
                            + "service=\"command-side\"} [1-9]")
                    .contains("http_server_requests_seconds_count{")
                    .contains("ledgerloop_processor_parked_events{"));
            patiently().untilAsserted(() -> assertThat(scrape(querySide, token))
                    .containsPattern("ledgerloop_processor_lag_events\\{backend=\"query-side\",processor=\"[a-z-]+\","
                            + "service=\"query-side\"}")
                    .containsPattern("ledgerloop_processor_lag_ms\\{backend=\"command-side\"")
                    .contains("ledgerloop_processor_parked_events{"));
        }
    }

    private static String scrape(Api service, String token) throws Exception {
        Answer answer = service.withHeader("Authorization", "Bearer " + token).get(METRICS);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.text();
    }

    private static void assertRefused(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.error().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
