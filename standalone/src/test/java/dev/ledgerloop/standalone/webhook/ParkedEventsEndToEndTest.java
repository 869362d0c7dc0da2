package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;

/**
 * An event no processor can read parks, with its session's later events behind it, while everything else goes on
 * (docs/replay.md).
 */
class ParkedEventsEndToEndTest {
    private static final String UNKNOWN_TYPE = "SessionRebranded";
    private static final Set<String> PROCESSORS = Set.of(
            "sessions",
            "timeline",
            "participants",
            "guest_tokens",
            "attachments",
            "invocations",
            "commands",
            "deliveries",
            "delivery-stats",
            "webhooks",
            "agents",
            "api_keys",
            "feed",
            "public_keys",
            "channels",
            "usage",
            "space_users",
            "agent_log",
            "agent_profiles",
            "deadlines",
            "invocation-deadlines",
            "webhook-dispatcher",
            "delivery-schedule",
            "shredding",
            "shredding-caches");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void an_unreadable_event_parks_its_session_and_nothing_else(@TempDir Path data) throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(
                        data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false), Webhooks.SHORT_SCHEDULE);
                WebhookReceiver receiver = new WebhookReceiver()) {
            Api owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "parking");
            String agentId = owner.agentId();
            String url = receiver.url("/parking", always(200));
            assertThat(owner.post("/v1/admin/webhooks", Webhooks.endpoint(url, agentId, null))
                            .status())
                    .isEqualTo(201);
            String stuck = owner.openSession();
            String other = owner.openSession();
            Api provisioning = Api.gateway(system).withKey(system.secrets().provisioningKeyOnce());
            ProvisionedKey agentKey = provisionKey(provisioning);
            Api keyHolder = Api.gateway(system).withKey(agentKey.key());
            await().atMost(PATIENCE)
                    .until(() -> keyHolder.get("/v1/agent/sessions").status() == 200);

            appendUnknownEventThenClose(system, stuck);

            // Every processor parks the unknown event, and the session's close waits behind it.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(processorsHolding(owner, UNKNOWN_TYPE))
                    .containsExactlyInAnyOrderElementsOf(PROCESSORS));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(processorsHolding(owner, "SessionClosed"))
                    .contains("sessions", "timeline"));

            // Other sessions go on: views and webhooks.
            owner.sendMessage(other, Envelopes.envelope());
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(owner.get("/v1/agent/sessions/" + other + "/timeline?limit=50")
                                    .body()
                                    .toString())
                            .contains("\"kind\":\"message\""));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/parking"))
                    .anySatisfy(delivery -> assertThat(delivery.body())
                            .contains("session.message.new")
                            .contains(other)));
            assertThat(owner.get("/v1/agent/sessions/" + stuck)
                            .body()
                            .get("status")
                            .asText())
                    .isEqualTo("Active");
            assertThat(owner.get("/v1/agent/sessions/" + stuck + "/timeline?limit=50")
                            .body()
                            .toString())
                    .doesNotContain("session.closed");

            // Health shows the counts and stays UP.
            JsonNode queryHealth = health(system.querySideUri());
            assertThat(queryHealth.get("status").asText()).isEqualTo("UP");
            assertThat(queryHealth
                            .at("/components/parkedEvents/details/timeline")
                            .asLong())
                    .isGreaterThanOrEqualTo(2);
            assertThat(health(system.commandSideUri())
                            .at("/components/parkedEvents/details/deadlines")
                            .asLong())
                    .isGreaterThanOrEqualTo(1);

            // The api_keys view still reacts: a revoked key stops working.
            assertThat(provisioning
                            .delete("/v1/provision/agents/" + agentKey.agentId() + "/keys/" + agentKey.keyId())
                            .status())
                    .isEqualTo(204);
            await().atMost(PATIENCE)
                    .until(() -> keyHolder.get("/v1/agent/sessions").status() == 401);

            // A retry of an event that is still unreadable parks it again.
            JsonNode timelineLetter = letter(owner, "timeline", UNKNOWN_TYPE);
            Answer retried = owner.post(
                    "/v1/admin/parked-events/" + timelineLetter.get("id").asText() + "/retry", "");
            assertThat(retried.status()).isEqualTo(202);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(letter(owner, "timeline", UNKNOWN_TYPE)
                            .get("lastTouched")
                            .asText())
                    .isNotEqualTo(timelineLetter.get("lastTouched").asText()));
            assertThat(letter(owner, "timeline", UNKNOWN_TYPE).get("id").asText())
                    .isEqualTo(timelineLetter.get("id").asText());

            // Unknown and malformed ids.
            assertThat(owner.delete("/v1/admin/parked-events/" + "0".repeat(24)).status())
                    .isEqualTo(404);
            assertThat(owner.post("/v1/admin/parked-events/not-an-id/retry", "").status())
                    .isEqualTo(400);

            // Evicting the unknown event lets the session's close apply.
            for (JsonNode letter : letters(owner)) {
                if (letter.get("eventType").asText().equals(UNKNOWN_TYPE)) {
                    assertThat(owner.delete("/v1/admin/parked-events/"
                                            + letter.get("id").asText())
                                    .status())
                            .isEqualTo(204);
                }
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(owner.get("/v1/agent/sessions/" + stuck)
                            .body()
                            .get("status")
                            .asText())
                    .isEqualTo("Closed"));
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(owner.get("/v1/agent/sessions/" + stuck + "/timeline?limit=50")
                                    .body()
                                    .toString())
                            .contains("session.closed"));
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(letters(owner)).isEmpty());
        }
    }

    /**
     * An event of a type no codec knows, as an older or newer version would write it, then the session's close. The
     * command side cannot load the session any more (by design), so the close goes to the log through the engine.
     */
    private static void appendUnknownEventThenClose(LedgerloopSystem system, String sessionId) throws Exception {
        String stream = "session-" + sessionId;
        try (ClosingClient esdb = new ClosingClient(system.eventStoreConnectionString())) {
            RecordedEvent last = esdb.client()
                    .readStream(
                            stream,
                            ReadStreamOptions.get().backwards().fromEnd().maxCount(1))
                    .get(10, TimeUnit.SECONDS)
                    .getEvents()
                    .get(0)
                    .getEvent();
            EventData unknown = EventDataBuilder.binary(
                            UUID.randomUUID(), UNKNOWN_TYPE, "{}".getBytes(StandardCharsets.UTF_8))
                    .metadataAsBytes(last.getUserMetadata())
                    .build();
            esdb.client()
                    .appendToStream(
                            stream,
                            AppendToStreamOptions.get()
                                    .expectedRevision(ExpectedRevision.expectedRevision(last.getRevision())),
                            unknown)
                    .get(10, TimeUnit.SECONDS);
            ApplicationContext commandSide = system.backendContexts().get(0);
            commandSide
                    .getBean(EventStoreDbStorageEngine.class)
                    .appendEvents(List.of(new GenericDomainEventMessage<>(
                            "Session",
                            sessionId,
                            last.getRevision() + 2,
                            new SessionClosed(UUID.fromString(sessionId)),
                            EventContext.system(system.secrets().spaceId(), "parked-events-test"))));
        }
    }

    private record ClosingClient(EventStoreDBClient client) implements AutoCloseable {
        ClosingClient(String connectionString) {
            this(EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(connectionString)));
        }

        @Override
        public void close() throws Exception {
            client.shutdown().get(10, TimeUnit.SECONDS);
        }
    }

    private record ProvisionedKey(String agentId, String keyId, String key) {}

    private static ProvisionedKey provisionKey(Api provisioning) throws Exception {
        JsonNode answer = provisioning
                .post("/v1/provision/agents", "{\"name\":\"key-holder\"}")
                .expect(201)
                .body();
        return new ProvisionedKey(
                answer.at("/agent/id").asText(),
                answer.get("keyId").asText(),
                answer.get("apiKey").asText());
    }

    private static List<JsonNode> letters(Api owner) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        String before = null;
        boolean more = true;
        while (more) {
            Answer page = owner.get("/v1/admin/parked-events?limit=10" + (before == null ? "" : "&before=" + before));
            assertThat(page.status()).as(String.valueOf(page.body())).isEqualTo(200);
            page.body().get("data").forEach(letters::add);
            more = page.body().get("hasMore").asBoolean();
            before = letters.isEmpty()
                    ? null
                    : letters.get(letters.size() - 1).get("id").asText();
        }
        return letters;
    }

    private static Set<String> processorsHolding(Api owner, String eventType) throws Exception {
        Set<String> processors = new HashSet<>();
        for (JsonNode letter : letters(owner)) {
            if (letter.get("eventType").asText().equals(eventType)) {
                processors.add(letter.get("processor").asText());
            }
        }
        return processors;
    }

    private static JsonNode letter(Api owner, String processor, String eventType) throws Exception {
        return letters(owner).stream()
                .filter(letter -> letter.get("processor").asText().equals(processor)
                        && letter.get("eventType").asText().equals(eventType))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode health(String backendUri) throws Exception {
        return Api.at(backendUri).get("/actuator/health").body();
    }
}
