package dev.ledgerloop.standalone.sdk;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.sdk.LedgerloopClient;
import dev.ledgerloop.sdk.Message;
import dev.ledgerloop.sdk.NewMessage;
import dev.ledgerloop.sdk.Response;
import dev.ledgerloop.sdk.Session;
import dev.ledgerloop.sdk.components.Components;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LedgerloopClient#awaitResponse} across a restart of the whole system (the agent's poll meets a closed port
 * and then a starting system, and keeps polling until its deadline) and across a restart of the agent (a new client
 * gets the same answer, because the server hands it out until it is acknowledged).
 */
class SdkRestartEndToEndTest {
    @TempDir
    Path data;

    @Test
    void an_await_survives_a_restart_of_the_system_and_a_restarted_agent_gets_the_same_answer() throws Exception {
        ExecutorService agentThread = Executors.newSingleThreadExecutor();
        try {
            LedgerloopSystem first = LedgerloopSystem.start(data, 0);
            int port = first.gatewayPort();
            String key = first.secrets().bootstrapKeyOnce();
            String token = first.mintHumanToken("alice");
            Human alice = new Human("alice", Api.gateway(port).withToken(token)).registerKeys();
            LedgerloopClient agent = client(port, key);
            Session session = agent.createSession("Rotate the keys?");
            agent.addParticipant(session.id(), "alice", null);
            Message question = agent.send(
                    session.id(),
                    NewMessage.text("Rotate?")
                            .components(Components.approveReject())
                            .askingForResponse());

            Future<Optional<Response>> waiting =
                    agentThread.submit(() -> agent.awaitResponse(session.id(), question.id(), Duration.ofMinutes(4)));
            first.close();

            try (LedgerloopSystem second = LedgerloopSystem.start(data, port)) {
                forTheViews().untilAsserted(() -> alice.message(session.id(), question.id()));
                alice.respond(
                                session.id(),
                                question.id(),
                                "{\"action\":\"approve\"}",
                                agent.agentKey().publicKey())
                        .expect(201);

                await().atMost(Duration.ofMinutes(2)).until(waiting::isDone);
                Response answer = waiting.get().orElseThrow();
                assertThat(answer.action()).isEqualTo("approve");

                LedgerloopClient restartedAgent = client(port, key);
                assertThat(restartedAgent.awaitResponse(session.id(), null, Duration.ofSeconds(30)))
                        .map(Response::id)
                        .contains(answer.id());
            }
        } finally {
            agentThread.shutdownNow();
        }
    }

    private static LedgerloopClient client(int port, String key) {
        return LedgerloopClient.builder()
                .baseUrl("http://localhost:" + port)
                .apiKey(key)
                .agentName("restarting-agent")
                .build();
    }
}
