package dev.ledgerloop.standalone.live;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The live event streams, black-box through the gateway of the standalone system: an agent sees its own sessions'
 * events with the webhook types and payloads, a reconnect with {@code Last-Event-ID} after a disconnect in the middle
 * of a burst gets exactly what it missed, and a human sees only the sessions they take part in. The gateway writes
 * the streams of the query side in its JVM itself; {@link ProxiedEventStreamEndToEndTest} runs every test again with the streams proxied
 * over HTTP, as a deployment of separate services does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamEndToEndTest {
    private LedgerloopSystem system;
    private Api agent;
    private String key;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        system = LedgerloopSystem.start(
                data,
                0,
                Map.of("ledgerloop.gateway.streams.in-process", inProcess()),
                "--ledgerloop.live.heartbeat=1s");
        key = system.secrets().bootstrapKeyOnce();
        agent = Api.gateway(system).withKey(key, "streamer");
        agent.openSession();
    }

    @AfterAll
    void stop() {
        system.close();
    }

    boolean inProcess() {
        return true;
    }

    @Test
    void the_stream_reaches_the_query_side_over_http_only_when_not_served_in_process() throws Exception {
        Counter proxied = system.backendContexts()
                .get(1)
                .getBean(MeterRegistry.class)
                .get("ledgerloop.live.streams.http")
                .counter();
        double before = proxied.count();
        try (SseReader stream = open(agent, "/v1/agent/stream")) {
            forTheViews().until(stream::listening);
        }
        assertThat(proxied.count() - before).isEqualTo(inProcess() ? 0.0 : 1.0);
    }

    @Test
    void an_agent_sees_its_sessions_events_as_they_happen_and_no_one_elses() throws Exception {
        Api other = Api.gateway(system).withKey(key, "bystander");
        other.openSession();
        try (SseReader stream = open(agent, "/v1/agent/stream")) {
            forTheViews().until(stream::listening);
            String session = agent.openSession();
            String message =
                    agent.sendMessage(session, Envelopes.envelope()).get("id").asText();
            other.sendMessage(other.openSession(), Envelopes.envelope());

            forTheViews().untilAsserted(() -> assertThat(types(stream))
                    .containsExactly("session.created", "session.message.new"));
            SseReader.Event sent = stream.events().get(1);
            assertThat(sent.body().get("type").asText()).isEqualTo("session.message.new");
            assertThat(sent.body().at("/data/sessionId").asText()).isEqualTo(session);
            assertThat(sent.body().at("/data/agentId").asText()).isEqualTo(agent.agentId());
            assertThat(sent.body().at("/data/message/id").asText()).isEqualTo(message);
            assertThat(sent.body().at("/data/message/encryptedContent/alg").asText())
                    .isEqualTo("X25519-HKDF-SHA256-A256GCM");
            assertThat(sent.id()).matches("[0-9]+-[0-9]+");
        }
    }

    @Test
    void a_reconnect_after_a_disconnect_mid_burst_replays_exactly_what_was_missed() throws Exception {
        String session = agent.openSession();
        List<String> sent = new ArrayList<>();
        String resumeFrom;
        try (SseReader first = open(agent, "/v1/agent/stream")) {
            forTheViews().until(first::listening);
            for (int i = 0; i < 10; i++) {
                sent.add(agent.sendMessage(session, Envelopes.envelope())
                        .get("id")
                        .asText());
            }
            forTheViews().until(() -> first.events().size() >= 4);
            resumeFrom = first.events().get(3).id();
        }
        for (int i = 0; i < 10; i++) {
            sent.add(agent.sendMessage(session, Envelopes.envelope()).get("id").asText());
        }
        try (SseReader resumed = open(agent.withHeader("Last-Event-ID", resumeFrom), "/v1/agent/stream")) {
            forTheViews().until(() -> resumed.events().size() >= 16);
            assertThat(messageIds(resumed)).containsExactlyElementsOf(sent.subList(4, 20));
        }
        try (SseReader byQuery = open(agent, "/v1/agent/stream?after=" + resumeFrom)) {
            forTheViews().until(() -> byQuery.events().size() >= 16);
            assertThat(messageIds(byQuery)).containsExactlyElementsOf(sent.subList(4, 20));
        }
    }

    @Test
    void a_garbage_or_future_cursor_is_refused_with_400() throws Exception {
        for (String cursor : new String[] {"yesterday", "12", "-1--1", "99999999999999-99999999999999"}) {
            HttpResponse<Stream<String>> refused =
                    agent.withHeader("Last-Event-ID", cursor).lines("/v1/agent/stream");
            assertThat(refused.statusCode()).as(cursor).isEqualTo(400);
            assertThat(String.join("", refused.body().toList())).contains("VALIDATION_ERROR");
        }
        // As a browser's EventSource asks: the error is still the JSON error body, not a 500.
        HttpResponse<Stream<String>> fromBrowser = agent.withHeader("Accept", "text/event-stream")
                .withHeader("Last-Event-ID", "yesterday")
                .lines("/v1/agent/stream");
        assertThat(fromBrowser.statusCode()).isEqualTo(400);
        assertThat(fromBrowser.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(String.join("", fromBrowser.body().toList())).contains("VALIDATION_ERROR");
        HttpResponse<Stream<String>> human =
                Api.gateway(system).withToken(system.mintHumanToken("hal")).lines("/v1/agent/stream");
        assertThat(human.statusCode()).isEqualTo(401);
        human.body().close();
    }

    @Test
    void a_client_that_goes_away_ends_its_stream_without_an_error() throws Exception {
        Gauge open = system.backendContexts()
                .get(1)
                .getBean(MeterRegistry.class)
                .get("ledgerloop.live.connections")
                .gauge();
        Logger errors = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        errors.addAppender(logged);
        try {
            // A stream whose client went away over the proxied route ends at the next write that fails, at most two
            // heartbeats later (one second here): the other tests' streams too.
            forTheViews().until(() -> open.value() == 0);
            try (SseReader stream = open(agent, "/v1/agent/stream")) {
                forTheViews().until(stream::listening);
                agent.sendMessage(agent.openSession(), Envelopes.envelope());
                forTheViews().until(() -> stream.events().size() >= 2);
            }
            forTheViews().until(() -> open.value() == 0);
            // What the server does after the stream ended happens on its own threads: watch for a while.
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(errorsIn(logged)).isEmpty());
        } finally {
            errors.detachAppender(logged);
        }
    }

    @Test
    void a_human_sees_the_sessions_they_take_part_in_from_the_moment_they_are_added() throws Exception {
        Api human = Api.gateway(system).withToken(system.mintHumanToken("hanna"));
        String before = agent.openSession();
        agent.post("/v1/agent/sessions/" + before + "/participants", "{\"userId\":\"hanna\",\"role\":\"member\"}");
        forTheViews()
                .until(() ->
                        human.get("/v1/human/sessions/" + before + "/timeline").status() == 200);
        try (SseReader stream = open(human, "/v1/human/stream")) {
            forTheViews().until(stream::listening);
            String unrelated = agent.openSession();
            agent.sendMessage(unrelated, Envelopes.envelope());
            String inBefore =
                    agent.sendMessage(before, Envelopes.envelope()).get("id").asText();
            String later = agent.openSession();
            agent.post("/v1/agent/sessions/" + later + "/participants", "{\"userId\":\"hanna\",\"role\":\"viewer\"}");
            String inLater =
                    agent.sendMessage(later, Envelopes.envelope()).get("id").asText();

            forTheViews().untilAsserted(() -> assertThat(types(stream))
                    .containsExactly("session.message.new", "participant.added", "session.message.new"));
            assertThat(messageIds(stream)).containsExactly(inBefore, inLater);
            assertThat(stream.events())
                    .noneMatch(event -> event.body().toString().contains(unrelated));
        }
    }

    private static SseReader open(Api api, String path) throws Exception {
        HttpResponse<Stream<String>> response = api.lines(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return SseReader.of(response);
    }

    private static List<String> errorsIn(ListAppender<ILoggingEvent> logged) {
        synchronized (logged) {
            return logged.list.stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private static List<String> types(SseReader stream) {
        return stream.events().stream().map(SseReader.Event::type).toList();
    }

    private static List<String> messageIds(SseReader stream) {
        return stream.events().stream()
                .filter(event -> event.type().equals("session.message.new"))
                .map(event -> event.body().at("/data/message/id").asText())
                .toList();
    }
}
