package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Json.fieldNames;
import static dev.ledgerloop.standalone.fixture.Json.ids;
import static dev.ledgerloop.standalone.fixture.Json.item;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import dev.ledgerloop.standalone.fixture.Json;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session API beyond the skeleton, black-box over real HTTP through the gateway of the standalone system: agents
 * with the bootstrap API key, humans with tokens from the embedded default's local issuer.
 */
class SessionApiEndToEndTest {
    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api agent;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /**
     * The agent's loop of ask, await, acknowledge, ask again, await again must never be handed an answer it has
     * acknowledged: the acknowledgement's 200 comes from the command side, and the timeline view that the await reads
     * follows the log a little later (much later under load). The view is held back here to make that window wide.
     */
    @Test
    void an_await_right_after_an_acknowledgement_never_hands_out_the_acknowledged_answer() throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        assertThat(agent.post(sessionPath + "/participants", "{\"userId\":\"erin\",\"role\":\"member\"}")
                        .status())
                .isEqualTo(201);
        String question = id(agent.post(sessionPath + "/messages", message("High", true, null)));
        forTheViews().untilAsserted(() -> assertThat(human("erin")
                        .post(
                                "/v1/human/sessions/" + session + "/messages/" + question + "/respond",
                                "{\"encryptedResponse\":" + envelope() + "}")
                        .status())
                .isEqualTo(201));
        forTheViews().untilAsserted(() -> assertThat(agent.get(sessionPath + "/await?timeoutMs=1000")
                        .body()
                        .get("messageId")
                        .asText())
                .isEqualTo(question));

        Answer again = withTheTimelineViewHeldBack(() -> {
            assertThat(agent.post(sessionPath + "/acknowledge", "{}").status()).isEqualTo(200);
            return agent.get(sessionPath + "/await?timeoutMs=300");
        });
        assertThat(again.status())
                .as("an await after the acknowledgement, the view not yet showing it: %s", again.body())
                .isEqualTo(204);
        forTheViews().untilAsserted(() -> assertThat(item(data(agent.get(sessionPath + "/timeline")), question)
                        .get("status")
                        .asText())
                .isEqualTo("Completed"));
        assertThat(agent.get(sessionPath + "/await?timeoutMs=0").status()).isEqualTo(204);
    }

    /**
     * The timeline view follows the log seconds behind under load; an agent waiting for an answer must not wait for
     * it. The view is held back here: the await still returns the answer as soon as the log holds it, the same item
     * the view answers once it shows it.
     */
    @Test
    void an_await_returns_the_answer_as_the_log_holds_it_while_the_view_lags() throws Exception {
        Question asked = askedAndShown("frank");
        String sessionPath = asked.path();
        String question = asked.messageId();
        int waitingBefore = openLiveConnections();

        Answer answered = withTheTimelineViewHeldBack(() -> {
            CompletableFuture<Answer> awaiting = agent.sendAsync("GET", sessionPath + "/await?timeoutMs=30000", null);
            forTheViews().until(() -> openLiveConnections() > waitingBefore);
            assertThat(asked.answer()).isEqualTo(201);
            return awaiting.get(20, TimeUnit.SECONDS);
        });
        assertThat(answered.status())
                .as("the await, the view held back: %s", answered.body())
                .isEqualTo(200);
        assertThat(answered.body().get("messageId").asText()).isEqualTo(question);
        assertThat(answered.body().get("userId").asText()).isEqualTo("frank");
        forTheViews().untilAsserted(() -> assertThat(ids(data(agent.get(sessionPath + "/timeline"))))
                .contains(answered.body().get("id").asText()));
        assertThat(agent.get(sessionPath + "/await?timeoutMs=0").body()).isEqualTo(answered.body());
    }

    /**
     * An await that begins after the answer was stored but before the view shows it (its request queued under load)
     * finds the answer in the log; once acknowledged, the next await no longer does.
     */
    @Test
    void an_await_that_begins_after_the_answer_finds_it_in_the_log_while_the_view_lags() throws Exception {
        Question asked = askedAndShown("grace");
        String sessionPath = asked.path();
        String question = asked.messageId();

        withTheTimelineViewHeldBack(() -> {
            assertThat(asked.answer()).isEqualTo(201);
            Answer answered = agent.get(sessionPath + "/await?timeoutMs=10000");
            assertThat(answered.status())
                    .as("the await, the view held back: %s", answered.body())
                    .isEqualTo(200);
            assertThat(answered.body().get("messageId").asText()).isEqualTo(question);
            assertThat(answered.body().get("userId").asText()).isEqualTo("grace");

            assertThat(agent.post(sessionPath + "/acknowledge", "{}").status()).isEqualTo(200);
            assertThat(agent.get(sessionPath + "/await?timeoutMs=300").status())
                    .as("an await after the acknowledgement")
                    .isEqualTo(204);
            return null;
        });
    }

    /**
     * An await with nothing to answer ends when its own {@code timeoutMs} passes. The web server looks for timed-out
     * async requests about once a second, so five awaits of {@code timeoutMs=0} one after the other took about five
     * seconds when that was the only timer; the bound here is ten times what they take now.
     */
    @Test
    void an_await_with_nothing_to_answer_ends_when_its_timeout_passes() throws Exception {
        String sessionPath = "/v1/agent/sessions/" + agent.openSession();
        forTheViews()
                .untilAsserted(() -> assertThat(agent.get(sessionPath).status()).isEqualTo(200));
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(agent.get(sessionPath + "/await?timeoutMs=0").status()).isEqualTo(204);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("five awaits with timeoutMs=0, one after the other")
                .isLessThan(Duration.ofMillis(2_500));
        assertThat(agent.get(sessionPath + "/await?timeoutMs=300").status()).isEqualTo(204);
    }

    /** A session with one participant and a question for them, shown in the timeline view. */
    private static Question askedAndShown(String user) throws Exception {
        String session = agent.openSession();
        String path = "/v1/agent/sessions/" + session;
        assertThat(agent.post(path + "/participants", "{\"userId\":\"" + user + "\",\"role\":\"member\"}")
                        .status())
                .isEqualTo(201);
        String question = id(agent.post(path + "/messages", message("High", true, null)));
        forTheViews().untilAsserted(() -> assertThat(ids(data(agent.get(path + "/timeline"))))
                .contains(question));
        return new Question(session, path, question, user);
    }

    private record Question(String sessionId, String path, String messageId, String user) {
        /** The participant answers; the status of the answer's request. */
        int answer() throws Exception {
            return human(user)
                    .post(
                            "/v1/human/sessions/" + sessionId + "/messages/" + messageId + "/respond",
                            "{\"encryptedResponse\":" + envelope() + "}")
                    .status();
        }
    }

    /** Runs {@code action} with the timeline view's processor stopped, as a view far behind the log under load. */
    private static <T> T withTheTimelineViewHeldBack(Callable<T> action) throws Exception {
        EventProcessor timeline = system.backendContexts().stream()
                .map(context ->
                        context.getBean(EventProcessingConfiguration.class).eventProcessor("timeline"))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow();
        timeline.shutDown();
        try {
            return action.call();
        } finally {
            timeline.start();
        }
    }

    private static int openLiveConnections() {
        return system.backendContexts().stream()
                .flatMap(context -> context.getBeansOfType(MeterRegistry.class).values().stream())
                .flatMap(registry -> Optional.ofNullable(
                        registry.find("ledgerloop.live.connections").gauge())
                        .stream())
                .mapToInt(gauge -> (int) gauge.value())
                .sum();
    }

    @Test
    void participants_answer_and_the_agent_awaits_acknowledges_edits_and_deletes() throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        assertThat(agent.post(sessionPath + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                        .status())
                .isEqualTo(201);
        assertThat(agent.post(sessionPath + "/participants", "{\"userId\":\"bob\",\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(201);
        assertThat(agent.post(sessionPath + "/participants", "{\"userId\":\"bob\",\"role\":\"member\"}")
                        .status())
                .isEqualTo(409);
        assertThat(agent.post(sessionPath + "/participants", "{\"userId\":\"carol\",\"role\":\"boss\"}")
                        .status())
                .isEqualTo(400);
        forTheViews().untilAsserted(() -> assertThat(data(agent.get(sessionPath + "/participants")))
                .extracting(participant -> participant.get("userId").asText())
                .containsExactlyInAnyOrder("alice", "bob"));

        String question = id(agent.post(sessionPath + "/messages", message("High", true, null)));
        assertThat(agent.get(sessionPath + "/await?timeoutMs=50").status()).isEqualTo(204);

        CompletableFuture<Answer> awaiting = agent.sendAsync("GET", sessionPath + "/await?timeoutMs=30000", null);
        String respond = "/v1/human/sessions/" + session + "/messages/" + question + "/respond";
        String answer = "{\"encryptedResponse\":" + envelope() + "}";
        assertThat(human("alice").post(respond, answer).status()).isEqualTo(201);
        Answer answered = awaiting.get();
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body().get("userId").asText()).isEqualTo("alice");
        assertThat(answered.body().get("messageId").asText()).isEqualTo(question);

        assertThat(human("alice").post(respond, answer).status()).isEqualTo(409);
        assertThat(human("bob").post(respond, answer).status()).isEqualTo(403);
        assertThat(human("carol").post(respond, answer).status()).isEqualTo(404);
        assertThat(human("carol")
                        .get("/v1/human/sessions/" + session + "/timeline")
                        .status())
                .isEqualTo(404);

        Answer acknowledged = agent.post(sessionPath + "/acknowledge", "{}");
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.body().get("status").asText()).isEqualTo("Completed");
        assertThat(agent.post(sessionPath + "/acknowledge", "{}").status()).isEqualTo(409);

        String edited = envelope();
        assertThat(agent.patch(sessionPath + "/messages/" + question, "{\"encryptedContent\":" + edited + "}")
                        .status())
                .isEqualTo(200);
        String deleted = id(agent.post(sessionPath + "/messages", message("Low", false, null)));
        assertThat(agent.delete(sessionPath + "/messages/" + deleted).status()).isEqualTo(204);
        assertThat(agent.delete(sessionPath + "/messages/" + deleted).status()).isEqualTo(404);

        forTheViews().untilAsserted(() -> {
            JsonNode items = data(human("alice").get("/v1/human/sessions/" + session + "/timeline"));
            JsonNode questionItem = item(items, question);
            assertThat(questionItem.get("status").asText()).isEqualTo("Completed");
            assertThat(questionItem.get("encryptedContent")).isEqualTo(Json.read(edited));
            assertThat(questionItem.get("editedAt").isNull()).isFalse();
            JsonNode tombstone = item(items, deleted);
            assertThat(tombstone.get("deletedAt").isNull()).isFalse();
            assertThat(tombstone.get("encryptedContent").isNull()).isTrue();
            assertThat(items)
                    .anySatisfy(item -> assertThat(item.get("kind").asText()).isEqualTo("response"));
        });
    }

    @Test
    void the_feed_lists_what_waits_by_priority_then_deadline_and_cancelled_or_expired_questions_leave_it()
            throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        agent.post(sessionPath + "/participants", "{\"userId\":\"dora\",\"role\":\"member\"}");
        Instant later = Instant.now().plus(Duration.ofDays(2));
        Instant sooner = Instant.now().plus(Duration.ofDays(1));
        String low = id(agent.post(sessionPath + "/messages", message("Low", true, null)));
        String highLater = id(agent.post(sessionPath + "/messages", message("High", true, later)));
        String highSooner = id(agent.post(sessionPath + "/messages", message("High", true, sooner)));
        agent.post(sessionPath + "/messages", message("Urgent", false, null));

        forTheViews().untilAsserted(() -> assertThat(ids(data(human("dora").get("/v1/human/feed"))))
                .containsExactly(highSooner, highLater, low));

        Answer cancelled = agent.post(sessionPath + "/cancel", "{}");
        assertThat(cancelled.body().get("messageId").asText()).isEqualTo(highSooner);
        String expiring = id(agent.post(
                sessionPath + "/messages", message("Urgent", true, Instant.now().plusSeconds(2))));
        forTheViews().untilAsserted(() -> {
            JsonNode items = data(agent.get(sessionPath + "/timeline?pageSize=100"));
            assertThat(item(items, expiring).get("status").asText()).isEqualTo("Expired");
            assertThat(item(items, highSooner).get("status").asText()).isEqualTo("Cancelled");
        });
        forTheViews().untilAsserted(() -> assertThat(ids(data(human("dora").get("/v1/human/feed"))))
                .containsExactly(highLater, low));
    }

    @Test
    void session_and_message_objects_have_exactly_the_fields_of_api_md() throws Exception {
        Answer created = agent.post("/v1/agent/sessions", "{\"isPublic\":true,\"maxGuests\":2}");
        JsonNode session = created.body();
        assertThat(fieldNames(session))
                .containsExactlyInAnyOrder(
                        "id",
                        "status",
                        "isPublic",
                        "maxGuests",
                        "requireSignedAnswers",
                        "encryptedTitle",
                        "agentId",
                        "createdAt",
                        "updatedAt",
                        "lastMessageAt");
        assertThat(session.get("isPublic").asBoolean()).isTrue();
        Answer sent = agent.post(
                "/v1/agent/sessions/" + session.get("id").asText() + "/messages",
                message("Urgent", true, Instant.parse("2030-01-01T00:00:00Z")));
        JsonNode message = sent.body();
        assertThat(fieldNames(message))
                .containsExactlyInAnyOrder(
                        "id",
                        "sessionId",
                        "senderType",
                        "senderAgentId",
                        "senderUserId",
                        "encryptedContent",
                        "encryptedComponents",
                        "responseRequired",
                        "status",
                        "priority",
                        "deadlineAt",
                        "referenceId",
                        "createdAt",
                        "editedAt",
                        "deletedAt");
        assertThat(message.get("senderType").asText()).isEqualTo("Agent");
        assertThat(message.get("status").asText()).isEqualTo("Pending");
        assertThat(message.get("priority").asText()).isEqualTo("Urgent");
        assertThat(message.get("deadlineAt").asText()).isEqualTo("2030-01-01T00:00:00.000Z");
        assertThat(message.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        forTheViews().untilAsserted(() -> {
            JsonNode page = agent.get("/v1/agent/sessions?page=1&pageSize=1").body();
            assertThat(fieldNames(page)).containsExactlyInAnyOrder("data", "total", "page", "pageSize");
            assertThat(fieldNames(page.get("data").get(0))).isEqualTo(fieldNames(session));
        });
    }

    @Test
    void fifty_parallel_sends_to_one_session_all_land_in_the_timeline() throws Exception {
        String session = agent.openSession();
        String messages = "/v1/agent/sessions/" + session + "/messages";
        List<CompletableFuture<Answer>> sends = new ArrayList<>();
        IntStream.range(0, 50)
                .forEach(i -> sends.add(agent.sendAsync("POST", messages, message("Medium", false, null))));
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Answer> send : sends) {
            statuses.add(send.get().status());
        }
        assertThat(statuses).containsOnly(201);
        forTheViews().untilAsserted(() -> assertThat(agent.get("/v1/agent/sessions/" + session + "/timeline")
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(50));
    }

    @Test
    void guest_tokens_admit_humans_until_used_up_or_revoked() throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        Answer created = agent.post(sessionPath + "/guest-tokens", "{\"maxUses\":1}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode token = created.body();
        assertThat(token.get("token").asText()).startsWith("hlg_");
        assertThat(token.get("publicUrl").asText())
                .contains("/inbox/#guest=" + token.get("token").asText() + "&session=" + session);
        String join = "/v1/human/sessions/" + session + "/join";
        String body = "{\"token\":\"" + token.get("token").asText() + "\"}";
        assertThat(human("gina").post(join, body).status()).isEqualTo(201);
        Answer usedUp = human("hugo").post(join, body);
        assertThat(usedUp.status()).isEqualTo(409);
        assertThat(usedUp.text()).contains("used up");
        assertThat(human("hugo").post(join, "{\"token\":\"hlg_nope\"}").status())
                .isEqualTo(404);

        JsonNode second = agent.post(sessionPath + "/guest-tokens", "{}").body();
        assertThat(agent.delete(sessionPath + "/guest-tokens/"
                                + second.get("id").asText())
                        .status())
                .isEqualTo(204);
        Answer revoked =
                human("hugo").post(join, "{\"token\":\"" + second.get("token").asText() + "\"}");
        assertThat(revoked.status()).isEqualTo(409);
        assertThat(agent.post(sessionPath + "/guest-tokens", "{\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                        .status())
                .isEqualTo(400);

        forTheViews().untilAsserted(() -> {
            JsonNode tokens = data(agent.get(sessionPath + "/guest-tokens"));
            assertThat(tokens).hasSize(2);
            assertThat(tokens.get(0).get("uses").asInt()).isEqualTo(1);
            assertThat(tokens.get(1).get("revoked").asBoolean()).isTrue();
            assertThat(tokens.toString()).doesNotContain("hlg_");
            assertThat(data(agent.get(sessionPath + "/participants")))
                    .anySatisfy(participant ->
                            assertThat(participant.get("role").asText()).isEqualTo("guest"));
        });
    }

    @Test
    void attachments_are_stored_encrypted_outside_the_log_listed_and_downloaded_as_uploaded() throws Exception {
        String session = agent.openSession();
        String attachments = "/v1/agent/sessions/" + session + "/attachments";
        byte[] file = Envelopes.randomBytes(200_000);
        Answer uploaded = agent.upload(attachments, "report.bin", file);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        JsonNode attachment = uploaded.body();
        assertThat(attachment.get("size").asLong()).isEqualTo(file.length);
        assertThat(attachment.get("sha256").asText())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(file)));

        forTheViews().untilAsserted(() -> assertThat(data(agent.get(attachments)))
                .extracting(listed -> listed.get("filename").asText())
                .containsExactly("report.bin"));
        Answer downloaded = agent.get(attachments + "/" + attachment.get("id").asText());
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.bytes()).isEqualTo(file);

        Answer tooLarge = agent.upload(attachments, "big.bin", new byte[11 * 1024 * 1024]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(agent.upload("/v1/agent/sessions/" + java.util.UUID.randomUUID() + "/attachments", "x", file)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void an_attachments_declared_type_is_checked_and_never_makes_a_browser_render_it() throws Exception {
        String session = agent.openSession();
        String attachments = "/v1/agent/sessions/" + session + "/attachments";
        byte[] file = Envelopes.randomBytes(1_000);

        Answer html = agent.upload(attachments, "page.html", "text/html", file).expect(201);
        assertThat(agent.upload(attachments, "x", "not a media type", file).status())
                .isEqualTo(400);
        assertThat(agent.upload(attachments, "x", "*/*", file)
                        .body()
                        .at("/error/code")
                        .asText())
                .isEqualTo("VALIDATION_ERROR");

        String download = attachments + "/" + html.id();
        forTheViews()
                .untilAsserted(() -> assertThat(agent.get(download).status()).isEqualTo(200));
        Answer downloaded = agent.get(download);
        assertThat(downloaded.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(downloaded.header("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
        assertThat(downloaded.bytes()).isEqualTo(file);
    }

    @Test
    void an_upload_to_a_session_the_agent_may_not_attach_to_stores_no_bytes() throws Exception {
        String session = agent.openSession();
        Api other = agent.withHeader("X-Hiloop", "other-bot");
        byte[] file = Envelopes.randomBytes(10_000);
        try (MongoClient mongo = MongoClients.create(system.mongoConnectionString())) {
            MongoCollection<Document> stored = mongo.getDatabase("ledgerloop").getCollection("attachments.files");
            long before = stored.countDocuments();

            Answer foreign = other.upload("/v1/agent/sessions/" + session + "/attachments", "x.bin", file);
            agent.post("/v1/agent/sessions/" + session + "/close", "{}").expect(200);
            Answer closed = agent.upload("/v1/agent/sessions/" + session + "/attachments", "x.bin", file);

            assertThat(foreign.status()).isEqualTo(404);
            assertThat(closed.status()).isEqualTo(409);
            assertThat(stored.countDocuments()).isEqualTo(before);
        }
    }

    @Test
    void typing_fans_out_live_to_the_sessions_listeners_without_an_event() throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        agent.post(sessionPath + "/participants", "{\"userId\":\"tess\",\"role\":\"member\"}");
        List<String> lines = new CopyOnWriteArrayList<>();
        forTheViews()
                .until(() -> human("tess")
                                .get("/v1/human/sessions/" + session + "/timeline")
                                .status()
                        == 200);
        HttpResponse<Stream<String>> open = human("tess").lines("/v1/human/sessions/" + session + "/typing");
        assertThat(open.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> open.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        forTheViews().until(() -> !lines.isEmpty());

        Answer typing = agent.post(sessionPath + "/typing", "{\"typing\":true}");
        assertThat(typing.status()).isEqualTo(202);
        forTheViews().untilAsserted(() -> assertThat(String.join("\n", lines))
                .contains("event:session.typing")
                .contains("\"typing\":true")
                .contains("\"kind\":\"agent\""));
        assertThat(agent.post(sessionPath + "/typing", "{\"typing\":\"yes\"}").status())
                .isEqualTo(400);
        assertThat(agent.post(sessionPath + "/typing", "{\"typing\":true}{\"typing\":true}")
                        .status())
                .isEqualTo(400);
        open.body().close();
    }

    @Test
    void a_typing_signal_without_a_boolean_typing_field_is_refused_naming_the_field() throws Exception {
        String typing = "/v1/agent/sessions/" + agent.openSession() + "/typing";
        for (String body : new String[] {
            null, "", "null", "{}", "{\"typing\":null}", "{\"typing\":\"yes\"}", "{\"typing\":1}", "[]", "5", "\"x\""
        }) {
            Answer refused = agent.send("POST", typing, body);
            assertThat(refused.status()).as("%s: %s", body, refused).isEqualTo(400);
            assertThat(refused.error().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(refused.error().get("message").asText())
                    .as("%s", body)
                    .isEqualTo("Field 'typing' must be true or false");
        }
        assertThat(agent.post(typing, "{\"typing\":").error().get("message").asText())
                .isEqualTo("The request body is not valid JSON");
        assertThat(agent.post(typing, "{\"typing\":false,\"extra\":1}")
                        .body()
                        .get("typing")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void a_deadline_outside_the_years_1970_to_9999_is_refused_and_nothing_is_stored() throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        for (String deadline : new String[] {"+1000000000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"}) {
            Answer refused = agent.post(
                    sessionPath + "/messages",
                    "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true,\"deadlineAt\":\"" + deadline
                            + "\"}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(refused.body().at("/error/message").asText()).startsWith("Field 'deadlineAt' must be");
        }
        String accepted = agent.post(sessionPath + "/messages", message("Low", false, null))
                .expect(201)
                .id();
        forTheViews().untilAsserted(() -> assertThat(ids(data(agent.get(sessionPath + "/timeline"))))
                .containsExactly(accepted));
    }

    @Test
    void a_blank_id_in_the_path_names_nothing() throws Exception {
        for (String path : new String[] {"/v1/agent/sessions/%20", "/v1/agent/sessions/%20/timeline"}) {
            Answer read = agent.get(path);
            assertThat(read.status()).as("%s: %s", path, read).isEqualTo(404);
            assertThat(read.error().get("code").asText()).isEqualTo("NOT_FOUND");
        }
        Answer typing = agent.post("/v1/agent/sessions/%20/typing", "{\"typing\":true}");
        assertThat(typing.status()).as("%s", typing).isEqualTo(404);
        Answer join = human("hugo").post("/v1/human/sessions/%20/join", "{\"token\":\"hlg_nope\"}");
        assertThat(join.status()).as("%s", join).isEqualTo(404);
    }

    @Test
    void an_archived_session_leaves_the_list_and_refuses_changes() throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        Answer archived = agent.post(sessionPath + "/archive", "{}");
        assertThat(archived.body().get("status").asText()).isEqualTo("Archived");
        assertThat(agent.post(sessionPath + "/archive", "{}").status()).isEqualTo(409);
        assertThat(agent.post(sessionPath + "/messages", message("Low", false, null))
                        .status())
                .isEqualTo(409);
        forTheViews().untilAsserted(() -> {
            assertThat(ids(data(agent.get("/v1/agent/sessions?pageSize=100")))).doesNotContain(session);
            assertThat(ids(data(agent.get("/v1/agent/sessions?status=Archived&pageSize=100"))))
                    .contains(session);
        });
    }

    private static String message(String priority, boolean responseRequired, Instant deadline) {
        return "{\"encryptedContent\":" + envelope() + ",\"priority\":\"" + priority + "\",\"responseRequired\":"
                + responseRequired + (deadline == null ? "" : ",\"deadlineAt\":\"" + deadline + "\"") + "}";
    }

    /** The page's items, once the answer is 200. */
    private static JsonNode data(Answer page) {
        return page.expect(200).data();
    }

    /** The id of what was made, once the answer is 200 or 201. */
    private static String id(Answer made) {
        return made.expect(200, 201).id();
    }

    /** A human of the embedded space, with a token of the local issuer. */
    private static Api human(String user) {
        return Api.gateway(system).withToken(tokens.computeIfAbsent(user, system::mintHumanToken));
    }
}
