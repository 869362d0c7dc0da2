package dev.ledgerloop.standalone.live;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two query-side instances behind one gateway, which spreads reads over them round robin: an agent's {@code await},
 * the typing streams and the live event streams work whichever instance a client reaches, though only one instance
 * projects each answer into the views and a typing signal reaches only one instance through the load balancer. Each
 * test first proves that its long-lived requests did land on both instances (their live-connection gauges). When one
 * instance stops, the gateway tries the next instance for each request the stopped one refuses: reads and typing go
 * on without an error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralQuerySidesEndToEndTest {
    private static final int CLIENTS = 4;

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api agent;

    @BeforeAll
    static void start() throws Exception {
        // A short heartbeat finds the streams a test closed soon, so the next test starts with none open.
        system = LedgerloopSystem.start(data, 0, Map.of(), 2, "--ledgerloop.live.heartbeat=200ms");
        agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "spread");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @BeforeEach
    void noneOpen() {
        forTheViews().until(() -> openPerInstance().stream().allMatch(open -> open == 0));
    }

    @Test
    void every_await_returns_the_answer_whichever_instance_it_waits_on() throws Exception {
        String session = sessionWith("alice");
        String question = agent.post(
                        "/v1/agent/sessions/" + session + "/messages",
                        "{\"encryptedContent\":" + Envelopes.envelope() + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        List<CompletableFuture<Answer>> awaits = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            awaits.add(agent.sendAsync("GET", "/v1/agent/sessions/" + session + "/await?timeoutMs=60000", null));
        }
        forTheViews().untilAsserted(() -> assertThat(openPerInstance())
                .as(
                        "open per instance; awaits done early: %s",
                        awaits.stream()
                                .filter(CompletableFuture::isDone)
                                .map(CompletableFuture::join)
                                .toList())
                .allMatch(open -> open >= 1)
                .satisfies(open -> assertThat(
                                open.stream().mapToInt(Integer::intValue).sum())
                        .isEqualTo(CLIENTS)));

        human("alice")
                .post(
                        "/v1/human/sessions/" + session + "/messages/" + question + "/respond",
                        "{\"encryptedResponse\":" + Envelopes.envelope() + "}")
                .expect(201);

        for (CompletableFuture<Answer> await : awaits) {
            Answer answered = await.get();
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.body().get("messageId").asText()).isEqualTo(question);
            assertThat(answered.body().get("userId").asText()).isEqualTo("alice");
        }
    }

    @Test
    void a_typing_signal_reaches_the_typing_streams_on_every_instance() throws Exception {
        String session = sessionWith("bruno");
        List<SseReader> streams = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                streams.add(open(agent, "/v1/agent/sessions/" + session + "/typing"));
            }
            List<SseReader> eventStreams = List.of(open(agent, "/v1/agent/stream"), open(agent, "/v1/agent/stream"));
            streams.addAll(eventStreams);
            forTheViews().until(() -> streams.stream().allMatch(SseReader::listening));
            forTheViews().until(SeveralQuerySidesEndToEndTest::eachInstanceHoldsOne);

            human("bruno")
                    .post("/v1/human/sessions/" + session + "/typing", "{\"typing\":true}")
                    .expect(202);

            for (SseReader stream : streams.subList(0, CLIENTS)) {
                forTheViews().until(() -> stream.events().size() == 1);
                SseReader.Event signal = stream.events().get(0);
                assertThat(signal.type()).isEqualTo("session.typing");
                assertThat(signal.body().get("id").asText()).isEqualTo("bruno");
                assertThat(signal.body().get("typing").asBoolean()).isTrue();
            }
            // On the live event streams too, as session.typing with the webhook body, and without an SSE id: a
            // signal is not in the log, so it moves no resume position.
            for (SseReader stream : eventStreams) {
                forTheViews().until(() -> stream.events().size() == 1);
                SseReader.Event signal = stream.events().get(0);
                assertThat(signal.type()).isEqualTo("session.typing");
                assertThat(signal.id()).isNull();
                assertThat(signal.body().get("type").asText()).isEqualTo("session.typing");
                assertThat(signal.body().at("/data/sessionId").asText()).isEqualTo(session);
                assertThat(signal.body().at("/data/kind").asText()).isEqualTo("human");
                assertThat(signal.body().at("/data/id").asText()).isEqualTo("bruno");
                assertThat(signal.body().at("/data/typing").asBoolean()).isTrue();
            }
        } finally {
            streams.forEach(SseReader::close);
        }
    }

    @Test
    void the_event_streams_on_every_instance_carry_the_same_events() throws Exception {
        String session = agent.openSession();
        List<SseReader> streams = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                streams.add(open(agent, "/v1/agent/stream"));
            }
            forTheViews().until(() -> streams.stream().allMatch(SseReader::listening));
            forTheViews().until(SeveralQuerySidesEndToEndTest::eachInstanceHoldsOne);

            String message =
                    agent.sendMessage(session, Envelopes.envelope()).get("id").asText();

            for (SseReader stream : streams) {
                forTheViews().until(() -> stream.events().stream()
                        .anyMatch(event -> event.type().equals("session.message.new")));
            }
            List<String> ids = streams.stream()
                    .map(stream -> stream.events().stream()
                            .filter(event -> event.type().equals("session.message.new"))
                            .findFirst()
                            .orElseThrow())
                    .map(event -> event.id() + " "
                            + event.body().at("/data/message/id").asText())
                    .distinct()
                    .toList();
            assertThat(ids).hasSize(1);
            assertThat(ids.get(0)).endsWith(" " + message);
        } finally {
            streams.forEach(SseReader::close);
        }
    }

    /** Last: it stops the second instance. */
    @Test
    @Order(Integer.MAX_VALUE)
    void reads_go_on_when_an_instance_stops() throws Exception {
        String session = agent.openSession();
        String path = "/v1/agent/sessions/" + session;
        forTheViews().until(() -> agent.get(path).status() == 200);

        ((ConfigurableApplicationContext) system.backendContexts().get(2)).close();

        // Every other request finds the stopped instance's port closed; the gateway tries the next instance.
        for (int i = 0; i < 20; i++) {
            assertThat(agent.get(path).status()).isEqualTo(200);
        }
        String typed = sessionWith("carla");
        human("carla")
                .post("/v1/human/sessions/" + typed + "/typing", "{\"typing\":true}")
                .expect(202);
    }

    private static String sessionWith(String userId) throws Exception {
        String session = agent.openSession();
        agent.post("/v1/agent/sessions/" + session + "/participants", "{\"userId\":\"" + userId + "\"}")
                .expect(201);
        forTheViews()
                .until(() -> human(userId)
                                .get("/v1/human/sessions/" + session + "/timeline")
                                .status()
                        == 200);
        return session;
    }

    private static Api human(String userId) {
        return Api.gateway(system).withToken(system.mintHumanToken(userId));
    }

    private static SseReader open(Api api, String path) throws Exception {
        HttpResponse<Stream<String>> response = api.lines(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return SseReader.of(response);
    }

    /** Long-lived requests open on each query-side instance, from its {@code ledgerloop.live.connections} gauge. */
    private static List<Integer> openPerInstance() {
        return system.backendContexts().subList(1, 3).stream()
                .map(context -> (int) context.getBean(MeterRegistry.class)
                        .get("ledgerloop.live.connections")
                        .gauge()
                        .value())
                .toList();
    }

    private static boolean eachInstanceHoldsOne() {
        return openPerInstance().stream().allMatch(open -> open >= 1);
    }
}
