package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines are durable: a question whose deadline passes while the system is down expires after the restart. */
class DeadlineRestartEndToEndTest {
    @TempDir
    Path data;

    @Test
    void a_deadline_that_passes_while_the_system_is_down_expires_the_question_after_the_restart() throws Exception {
        String key;
        String session;
        String question;
        Instant deadline;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            Api agent = Api.gateway(system).withKey(key);
            session = agent.post("/v1/agent/sessions", "{}").id();
            deadline = Instant.now().plusSeconds(2);
            Answer sent = agent.post(
                    "/v1/agent/sessions/" + session + "/messages",
                    "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true,\"deadlineAt\":\"" + deadline
                            + "\"}");
            assertThat(sent.status()).isEqualTo(201);
            question = sent.id();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline));

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            Api agent = Api.gateway(restarted).withKey(key);
            String timeline = "/v1/agent/sessions/" + session + "/timeline";
            patiently().untilAsserted(() -> {
                JsonNode item = agent.get(timeline).body().at("/data/0");
                assertThat(item.get("id").asText()).isEqualTo(question);
                assertThat(item.get("status").asText()).isEqualTo("Expired");
            });
        }
    }
}
