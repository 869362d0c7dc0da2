package dev.ledgerloop.standalone.authorization;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.platform.principal.AgentNames;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API key acts as its own agent; naming another agent with {@code X-Hiloop} (and so creating it) takes a key with a
 * permission beyond {@code agent} (docs/api.md §Agent names: X-Hiloop). Permissions are given when the key is issued.
 */
class AgentKeyPermissionsEndToEndTest {
    @TempDir
    Path data;

    @Test
    void a_plain_agent_key_acts_only_as_its_own_agent_and_a_manage_key_names_others() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api gateway = Api.gateway(system).withTimeout(Duration.ofSeconds(20));
            Api provisioning = gateway.withKey(system.secrets().provisioningKeyOnce());
            UUID space = system.secrets().spaceId();

            Answer plain = provisioning.post("/v1/provision/agents", "{\"name\":\"billing-bot\"}");
            assertThat(plain.status()).as(plain.text()).isEqualTo(201);
            String plainKey = plain.body().get("apiKey").asText();
            forTheViews().untilAsserted(() -> assertThat(
                            gateway.withKey(plainKey).get("/v1/agent/sessions").status())
                    .isEqualTo(200));

            // Its own name is its own agent; another name is refused, and that agent is not created.
            assertThat(gateway.withKey(plainKey, "billing-bot")
                            .get("/v1/agent/sessions")
                            .status())
                    .isEqualTo(200);
            long before = content(system);
            Answer other = gateway.withKey(plainKey, "payroll-bot").post("/v1/agent/sessions", "{}");
            assertThat(other.status()).as(other.text()).isEqualTo(403);
            assertThat(other.body().at("/error/code").asText()).isEqualTo("FORBIDDEN");
            assertThat(other.body().at("/error/message").asText()).contains("X-Hiloop");
            assertThat(content(system)).isEqualTo(before);
            assertThat(EventLog.all(system)).noneMatch(event -> event.getStreamId()
                    .equals("agent-" + AgentNames.agentId(space, "payroll-bot")));
            assertThat(plain.body().get("permissions").toString()).isEqualTo("[\"agent\"]");

            // A key with the manage permission acts as (and creates) any agent of its space.
            Answer manager = provisioning.post(
                    "/v1/provision/agents", "{\"name\":\"ops-bot\",\"permissions\":[\"agent\",\"manage\"]}");
            assertThat(manager.status()).as(manager.text()).isEqualTo(201);
            assertThat(manager.body().get("permissions").toString()).isEqualTo("[\"agent\",\"manage\"]");
            String managerKey = manager.body().get("apiKey").asText();
            forTheViews().untilAsserted(() -> assertThat(gateway.withKey(managerKey, "payroll-bot")
                            .get("/v1/agent/sessions")
                            .status())
                    .isEqualTo(200));
            JsonNode opened = gateway.withKey(managerKey, "payroll-bot")
                    .post("/v1/agent/sessions", "{}")
                    .expect(201)
                    .body();
            assertThat(opened.get("agentId").asText())
                    .isEqualTo(AgentNames.agentId(space, "payroll-bot").toString());
            assertThat(EventLog.types(system, "agent-" + AgentNames.agentId(space, "payroll-bot")))
                    .containsExactly("AgentRegistered");
        }
    }

    @Test
    void an_unknown_permission_is_refused_and_no_key_is_issued() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api provisioning = Api.gateway(system).withKey(system.secrets().provisioningKeyOnce());
            long before = content(system);

            for (String permissions : new String[] {"[\"agent\",\"root\"]", "[]", "\"manage\"", "[1]", "[null]"}) {
                Answer refused = provisioning.post(
                        "/v1/provision/agents", "{\"name\":\"billing-bot\",\"permissions\":" + permissions + "}");
                assertThat(refused.status())
                        .as(permissions + " → " + refused.text())
                        .isEqualTo(400);
                assertThat(refused.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
                assertThat(refused.body().at("/error/message").asText()).contains("Field 'permissions");
            }
            assertThat(content(system)).isEqualTo(before);
        }
    }

    /** The events of the log but checkpoints, which follow earlier content on their own schedule. */
    private static long content(LedgerloopSystem system) throws Exception {
        return EventLog.all(system).stream()
                .filter(event -> !event.getEventType().equals("CheckpointRecorded"))
                .count();
    }
}
