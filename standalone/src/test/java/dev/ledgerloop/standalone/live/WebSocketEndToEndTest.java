package dev.ledgerloop.standalone.live;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live WebSocket through the gateway of the standalone system (docs/api.md §WebSocket): the same events as the
 * server-sent event stream, resume with {@code after=}, sends acknowledged with the REST answer, and the same
 * refusals at the handshake.
 */
class WebSocketEndToEndTest {
    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static String key;
    private static Api agent;
    private static Map<String, String> agentHeaders;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        key = system.secrets().bootstrapKeyOnce();
        agent = Api.gateway(system).withKey(key, "socketeer");
        agent.openSession();
        agentHeaders = Map.of("X-API-Key", key, "X-Hiloop", "socketeer");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void an_agent_gets_what_a_human_sends_as_the_stream_has_it_and_sends_over_the_socket() throws Exception {
        String session = agent.openSession();
        agent.post("/v1/agent/sessions/" + session + "/participants", "{\"userId\":\"hugo\",\"role\":\"member\"}")
                .expect(201);
        Api human = Api.gateway(system).withToken(system.mintHumanToken("hugo"));
        forTheViews()
                .until(() ->
                        human.get("/v1/human/sessions/" + session + "/timeline").status() == 200);

        HttpResponse<Stream<String>> sse = agent.lines("/v1/agent/stream");
        assertThat(sse.statusCode()).isEqualTo(200);
        try (SseReader stream = SseReader.of(sse);
                SocketClient socket = SocketClient.connect(uri("/v1/agent/ws"), agentHeaders)) {
            forTheViews().until(() -> stream.listening() && socket.listening());
            String fromHuman = human.post(
                            "/v1/human/sessions/" + session + "/messages",
                            "{\"encryptedContent\":" + Envelopes.envelope() + "}")
                    .expect(201)
                    .id();

            forTheViews().until(() -> !socket.frames("session.message.new").isEmpty());
            forTheViews().until(() -> !stream.events().isEmpty());
            JsonNode frame = socket.frames("session.message.new").get(0);
            SseReader.Event event = stream.events().get(0);
            assertThat(frame.get("id").asText()).isEqualTo(event.id());
            assertThat(frame.get("data")).isEqualTo(event.body());
            assertThat(frame.at("/data/data/message/id").asText()).isEqualTo(fromHuman);

            socket.send(sendFrame("first", session, "{\"encryptedContent\":" + Envelopes.envelope() + "}"));
            forTheViews().until(() -> !socket.frames("ack").isEmpty());
            JsonNode ack = socket.frames("ack").get(0);
            assertThat(ack.get("requestId").asText()).isEqualTo("first");
            assertThat(ack.get("status").asInt()).as("ack %s", ack).isEqualTo(201);
            String sent = ack.at("/body/id").asText();
            assertThat(sent).isNotBlank();
            forTheViews().until(() -> human.get("/v1/human/sessions/" + session + "/timeline")
                    .body()
                    .toString()
                    .contains(sent));
            forTheViews().until(() -> messageIds(socket.frames("session.message.new"))
                    .contains(sent));
        }
    }

    @Test
    void a_reconnect_with_after_the_last_id_gets_exactly_the_rest_of_a_burst() throws Exception {
        String session = agent.openSession();
        List<String> sent = new ArrayList<>();
        List<JsonNode> before;
        try (SocketClient first = SocketClient.connect(uri("/v1/agent/ws"), agentHeaders)) {
            forTheViews().until(first::listening);
            for (int i = 0; i < 50; i++) {
                sent.add(agent.sendMessage(session, Envelopes.envelope())
                        .get("id")
                        .asText());
                if (i == 5) {
                    forTheViews()
                            .until(() -> !first.frames("session.message.new").isEmpty());
                }
            }
            first.close();
            before = first.frames("session.message.new");
        }
        assertThat(before).isNotEmpty();
        String last = before.get(before.size() - 1).get("id").asText();
        try (SocketClient resumed = SocketClient.connect(uri("/v1/agent/ws?after=" + last), agentHeaders)) {
            int missed = 50 - before.size();
            forTheViews().until(() -> resumed.frames("session.message.new").size() >= missed);
            List<String> seen = new ArrayList<>(messageIds(before));
            seen.addAll(messageIds(resumed.frames("session.message.new")));
            assertThat(seen).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void bad_credentials_and_a_garbage_cursor_are_refused_at_the_handshake() {
        assertThat(handshakeStatus("/v1/agent/ws", Map.of("X-API-Key", "not-a-key")))
                .isEqualTo(401);
        assertThat(handshakeStatus("/v1/agent/ws", Map.of())).isEqualTo(401);
        assertThat(handshakeStatus("/v1/agent/ws", Map.of("Authorization", "Bearer " + system.mintHumanToken("hal"))))
                .isEqualTo(401);
        assertThat(handshakeStatus("/v1/agent/ws?after=yesterday", agentHeaders))
                .isEqualTo(400);
        assertThat(handshakeStatus("/v1/agent/ws?after=99999999999999-99999999999999", agentHeaders))
                .isEqualTo(400);
    }

    @Test
    void a_plain_get_is_told_to_upgrade() throws Exception {
        var answer = agent.get("/v1/agent/ws");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void a_send_to_another_agents_session_is_acknowledged_404_and_a_malformed_frame_gets_an_error() throws Exception {
        String elsewhere = Api.gateway(system).withKey(key, "stranger").openSession();
        try (SocketClient socket = SocketClient.connect(uri("/v1/agent/ws"), agentHeaders)) {
            forTheViews().until(socket::listening);
            socket.send(sendFrame("theirs", elsewhere, "{\"encryptedContent\":" + Envelopes.envelope() + "}"));
            socket.send("{not json");
            socket.send("{\"type\":\"session.message.send\",\"requestId\":\"no-message\",\"sessionId\":\"x\"}");
            socket.send(sendFrame("bad-path", "../../admin", "{}"));
            socket.send(sendFrame("invalid", agent.openSession(), "{\"encryptedContent\":42}"));

            forTheViews()
                    .until(() -> socket.frames("ack").size() == 3
                            && socket.frames("error").size() == 2);
            assertThat(ack(socket, "theirs").get("status").asInt()).isEqualTo(404);
            assertThat(ack(socket, "theirs").at("/body/error/code").asText()).isEqualTo("NOT_FOUND");
            assertThat(ack(socket, "bad-path").get("status").asInt()).isEqualTo(400);
            assertThat(ack(socket, "invalid").get("status").asInt()).isEqualTo(400);
            assertThat(ack(socket, "invalid").at("/body/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(socket.frames("error"))
                    .extracting(frame -> frame.at("/error/code").asText())
                    .containsOnly("VALIDATION_ERROR");
            assertThat(socket.frames("error"))
                    .extracting(frame -> frame.path("requestId").asText(null))
                    .containsExactly(null, "no-message");

            String mine = agent.openSession();
            String message = "{\"encryptedContent\":" + Envelopes.envelope() + "}";
            socket.send(idempotentSendFrame("still-usable", mine, message, "key-1"));
            forTheViews().until(() -> hasAck(socket, "still-usable"));
            assertThat(ack(socket, "still-usable").get("status").asInt()).isEqualTo(201);
            assertThat(socket.closeCode()).isNull();

            socket.send(idempotentSendFrame("repeated", mine, message, "key-1"));
            forTheViews().until(() -> hasAck(socket, "repeated"));
            assertThat(ack(socket, "repeated").get("status").asInt()).isEqualTo(201);
            assertThat(ack(socket, "repeated").at("/body/id"))
                    .isEqualTo(ack(socket, "still-usable").at("/body/id"));
        }
    }

    @Test
    void a_human_sends_over_the_human_socket_through_the_human_route() throws Exception {
        String session = agent.openSession();
        agent.post("/v1/agent/sessions/" + session + "/participants", "{\"userId\":\"hedda\",\"role\":\"member\"}")
                .expect(201);
        Map<String, String> hedda = Map.of("Authorization", "Bearer " + system.mintHumanToken("hedda"));
        forTheViews()
                .until(() -> Api.gateway(system)
                                .withToken(system.mintHumanToken("hedda"))
                                .get("/v1/human/sessions/" + session + "/timeline")
                                .status()
                        == 200);
        try (SocketClient socket = SocketClient.connect(uri("/v1/human/ws"), hedda)) {
            forTheViews().until(socket::listening);
            socket.send(sendFrame("h1", session, "{\"encryptedContent\":" + Envelopes.envelope() + "}"));
            forTheViews().until(() -> hasAck(socket, "h1"));
            assertThat(ack(socket, "h1").get("status").asInt())
                    .as("ack %s", ack(socket, "h1"))
                    .isEqualTo(201);
            String sent = ack(socket, "h1").at("/body/id").asText();
            forTheViews().until(() -> messageIds(socket.frames("session.message.new"))
                    .contains(sent));
        }
        assertThat(handshakeStatus("/v1/human/ws", agentHeaders)).isEqualTo(401);
    }

    @Test
    void a_frame_over_the_size_limit_closes_the_socket_and_leaves_the_others_alone() throws Exception {
        try (SocketClient bystander = SocketClient.connect(uri("/v1/agent/ws"), agentHeaders);
                SocketClient socket = SocketClient.connect(uri("/v1/agent/ws"), agentHeaders)) {
            forTheViews().until(() -> socket.listening() && bystander.listening());
            socket.sendWithoutWaiting("{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
            forTheViews().until(socket::closed);

            String session = agent.openSession();
            bystander.send(sendFrame("after", session, "{\"encryptedContent\":" + Envelopes.envelope() + "}"));
            forTheViews().until(() -> hasAck(bystander, "after"));
            assertThat(ack(bystander, "after").get("status").asInt()).isEqualTo(201);
            assertThat(bystander.closed()).isFalse();
        }
    }

    private static JsonNode ack(SocketClient socket, String requestId) {
        return socket.frames("ack").stream()
                .filter(frame -> frame.get("requestId").asText().equals(requestId))
                .findFirst()
                .orElseThrow();
    }

    private static int handshakeStatus(String path, Map<String, String> headers) {
        Throwable refused = catchThrowable(() -> SocketClient.connect(uri(path), headers));
        assertThat(refused).isInstanceOf(ExecutionException.class);
        assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    private static String sendFrame(String requestId, String sessionId, String message) {
        return "{\"type\":\"session.message.send\",\"requestId\":\"" + requestId + "\",\"sessionId\":\"" + sessionId
                + "\",\"message\":" + message + "}";
    }

    private static boolean hasAck(SocketClient socket, String requestId) {
        return socket.frames("ack").stream()
                .anyMatch(frame -> frame.get("requestId").asText().equals(requestId));
    }

    private static String idempotentSendFrame(String requestId, String sessionId, String message, String key) {
        String frame = sendFrame(requestId, sessionId, message);
        return frame.substring(0, frame.length() - 1) + ",\"idempotencyKey\":\"" + key + "\"}";
    }

    private static List<String> messageIds(List<JsonNode> frames) {
        return frames.stream()
                .map(frame -> frame.at("/data/data/message/id").asText())
                .toList();
    }

    private static URI uri(String path) {
        return URI.create("ws://localhost:" + system.gatewayPort() + path);
    }
}
