package dev.ledgerloop.standalone.live;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invocation with {@code expiresAt} that the agent does not finish in time becomes {@code Expired} by an event, also
 * when the time passed while the system was down; the agent's live stream gets {@code invocation.expired}, and a late
 * result is refused.
 */
class InvocationExpiryEndToEndTest {
    private static final String PING = "{\"name\":\"ping\",\"parameters\":{\"type\":\"object\"}}";

    @TempDir
    Path data;

    @Test
    void an_unanswered_invocation_expires_by_an_event_across_a_restart_and_takes_no_late_result() throws Exception {
        String key;
        String agentId;
        String expiresSoon;
        String expiresWhileDown;
        Instant whileDown;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            Api agent = Api.gateway(system).withKey(key);
            Api human = Api.gateway(system).withToken(system.mintHumanToken("ivan"));
            agent.put("/v1/agent/commands", "[" + PING + "]").expect(200);
            agentId = agent.agentId();
            assertThat(invoke(human, agentId, Instant.now().minusSeconds(1)).status())
                    .isEqualTo(400);
            assertThat(human.post(
                                    "/v1/human/invocations",
                                    "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\",\"expiresAt\":\"soon\"}")
                            .status())
                    .isEqualTo(400);

            try (SseReader stream = SseReader.of(agent.lines("/v1/agent/stream"))) {
                await().until(stream::listening);
                expiresSoon = invoke(human, agentId, Instant.now().plusSeconds(2))
                        .expect(201)
                        .id();
                patiently().untilAsserted(() -> assertThat(agent.get("/v1/agent/invocations/" + expiresSoon)
                                .body()
                                .get("status")
                                .asText())
                        .isEqualTo("Expired"));
                patiently().untilAsserted(() -> assertThat(stream.events()).anySatisfy(event -> {
                    assertThat(event.type()).isEqualTo("invocation.expired");
                    assertThat(event.body().at("/data/invocationId").asText()).isEqualTo(expiresSoon);
                }));
            }
            Answer late = agent.post("/v1/agent/invocations/" + expiresSoon + "/fail", "{\"error\":\"too late\"}");
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.text()).contains("Expired");

            whileDown = Instant.now().plusSeconds(3);
            expiresWhileDown = invoke(human, agentId, whileDown).expect(201).id();
            String finishedInTime = invoke(human, agentId, Instant.now().plusSeconds(3))
                    .expect(201)
                    .id();
            agent.post(
                            "/v1/agent/invocations/" + finishedInTime + "/complete",
                            "{\"encryptedResult\":" + dev.ledgerloop.standalone.fixture.Envelopes.envelope() + "}")
                    .expect(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(whileDown));

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            Api agent = Api.gateway(restarted).withKey(key);
            patiently().untilAsserted(() -> {
                assertThat(agent.get("/v1/agent/invocations/" + expiresWhileDown)
                                .body()
                                .get("status")
                                .asText())
                        .isEqualTo("Expired");
                assertThat(agent.get("/v1/agent/invocations?status=Expired")
                                .body()
                                .get("total")
                                .asInt())
                        .isEqualTo(2);
                assertThat(agent.get("/v1/agent/invocations?status=Completed")
                                .body()
                                .get("total")
                                .asInt())
                        .isEqualTo(1);
            });
        }
    }

    private static Answer invoke(Api human, String agentId, Instant expiresAt) throws Exception {
        return human.post(
                "/v1/human/invocations",
                "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\",\"expiresAt\":\"" + expiresAt + "\"}");
    }
}
