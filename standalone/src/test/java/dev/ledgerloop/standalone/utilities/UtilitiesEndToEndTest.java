package dev.ledgerloop.standalone.utilities;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.human.HumanIds;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.AgentNames;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.ViewRebuilds;
import dev.ledgerloop.standalone.live.SseReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' utilities end to end through the gateway: quota and usage, the space's users and their availability,
 * the agents' activity, communication and telemetry logs, and public agent profiles; with the refusals of bad input,
 * of unknown things and of another space. Space B (a provisioning key of its own) has one agent, whose usage this
 * test alone makes.
 */
class UtilitiesEndToEndTest {
    private static final UUID SPACE_B = UUID.randomUUID();
    private static final String PROVISIONING_KEY_B =
            "hlp_prov_" + HexFormat.of().formatHex(randomBytes());

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api owner;
    private static Api agentB;
    private static UUID agentBId;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(
                data,
                0,
                Map.of(
                        "ledgerloop.gateway.api-keys.spaces[0].space-id",
                        SPACE_B,
                        "ledgerloop.gateway.api-keys.spaces[0].provisioning-key-hash",
                        Sha256Hex.of(PROVISIONING_KEY_B),
                        "ledgerloop.gateway.api-keys.spaces[0].provisioning-key-id",
                        "provisioning-b"),
                "--ledgerloop.quota.sessions-per-month=1000");
        owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "owner-bot");
        String keyB = Api.gateway(system)
                .withKey(PROVISIONING_KEY_B)
                .post("/v1/provision/agents", "{\"name\":\"b-bot\"}")
                .expect(201)
                .body()
                .get("apiKey")
                .asText();
        agentB = Api.gateway(system).withKey(keyB);
        agentBId = AgentNames.agentId(SPACE_B, "b-bot");
        forTheViews()
                .untilAsserted(
                        () -> assertThat(agentB.get("/v1/agent/quota").status()).isEqualTo(200));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void quota_reports_the_limits_and_counts_sessions_and_messages_as_they_are_sent() throws Exception {
        JsonNode before = agentB.get("/v1/agent/quota").expect(200).body();
        assertThat(before.get("plan").asText()).isEqualTo("self-hosted");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        assertThat(before.at("/period/name").asText()).isEqualTo(month.toString());
        assertThat(Instant.parse(before.at("/period/start").asText()))
                .isEqualTo(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(before.at("/usage/sessions/limit").asLong()).isEqualTo(1000);
        assertThat(before.at("/usage/messages/limit").isNull()).as("unlimited").isTrue();
        assertThat(before.at("/usage/messages/remaining").isNull()).isTrue();
        assertThat(before.at("/usage/voiceMinutes/used").asLong()).isZero();
        assertThat(before.at("/usage/voiceMinutes/limit").asLong()).isZero();
        assertThat(before.get("voiceOffered").asBoolean()).isFalse();
        assertThat(before.at("/total/sessions").asLong()).isZero();

        String session = agentB.openSession();
        agentB.sendMessage(session, envelope());
        agentB.sendMessage(session, envelope());

        forTheViews().untilAsserted(() -> {
            JsonNode after = agentB.get("/v1/agent/quota").expect(200).body();
            assertThat(after.at("/usage/sessions/used").asLong()).isEqualTo(1);
            assertThat(after.at("/usage/sessions/remaining").asLong()).isEqualTo(999);
            assertThat(after.at("/usage/messages/used").asLong()).isEqualTo(2);
            assertThat(after.at("/total/sessions").asLong()).isEqualTo(1);
            assertThat(after.at("/total/messages").asLong()).isEqualTo(2);
        });
        // Another space's sends are not this space's usage.
        owner.sendMessage(owner.openSession(), envelope());
        forTheViews().untilAsserted(() -> assertThat(owner.get("/v1/agent/quota")
                        .body()
                        .at("/total/messages")
                        .asLong())
                .isPositive());
        assertThat(agentB.get("/v1/agent/quota").body().at("/total/messages").asLong())
                .isEqualTo(2);
        assertThat(Api.gateway(system)
                        .withToken(system.mintHumanToken("ursula"))
                        .get("/v1/agent/quota")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void the_space_users_are_its_participants_and_the_humans_who_set_something() throws Exception {
        String session = owner.openSession();
        String participants = "/v1/agent/sessions/" + session + "/participants";
        owner.post(participants, "{\"userId\":\"ursula\"}").expect(201);
        owner.post(participants, "{\"userId\":\"victor\",\"role\":\"viewer\"}").expect(201);
        Api kim = human("kim");
        kim.put("/v1/human/availability", "{\"status\":\"available\"}").expect(200);

        forTheViews().untilAsserted(() -> assertThat(
                        userIds(owner.get("/v1/agent/space/users?pageSize=100").body()))
                .contains("ursula", "victor", "kim"));
        JsonNode all = owner.get("/v1/agent/space/users?pageSize=100").body();
        assertThat(all.get("page").asInt()).isEqualTo(1);
        assertThat(all.get("pageSize").asInt()).isEqualTo(100);
        JsonNode victor = user(all, "victor");
        assertThat(victor.get("roles").toString()).isEqualTo("[\"viewer\"]");
        assertThat(victor.get("kind").asText()).isEqualTo("human");
        assertThat(victor.get("lastActivityAt").isNull())
                .as("added, but did nothing yet")
                .isTrue();
        assertThat(user(all, "kim").get("roles").size()).isZero();
        assertThat(user(all, "kim").get("lastActivityAt").isNull()).isFalse();

        JsonNode firstPage =
                owner.get("/v1/agent/space/users?page=1&pageSize=1").body();
        assertThat(firstPage.get("data").size()).isEqualTo(1);
        assertThat(firstPage.get("total").asLong()).isEqualTo(all.get("total").asLong());
        assertThat(userIds(owner.get("/v1/agent/space/users?role=viewer&pageSize=100")
                        .body()))
                .contains("victor")
                .doesNotContain("ursula", "kim");

        assertThat(refusal(owner.get("/v1/agent/space/users?pageSize=101"), 400))
                .contains("pageSize");
        assertThat(refusal(owner.get("/v1/agent/space/users?role=emperor"), 400))
                .contains("role");
        assertThat(userIds(agentB.get("/v1/agent/space/users?pageSize=100").body()))
                .doesNotContain("ursula", "victor", "kim");

        JsonNode teams = owner.get("/v1/agent/space/teams").expect(200).body();
        assertThat(teams.get("data").size()).isZero();
        assertThat(teams.get("total").asLong()).isZero();
        assertThat(human("ursula").get("/v1/agent/space/users").status()).isEqualTo(401);
    }

    @Test
    void availability_is_what_the_human_set_and_whether_they_are_connected() throws Exception {
        String session = owner.openSession();
        owner.post("/v1/agent/sessions/" + session + "/participants", "{\"userId\":\"wanda\"}")
                .expect(201);
        String wanda = "/v1/agent/users/wanda/availability";
        forTheViews().untilAsserted(() -> assertThat(owner.get(wanda).status()).isEqualTo(200));
        JsonNode unset = owner.get(wanda).body();
        assertThat(unset.get("status").isNull()).isTrue();
        assertThat(unset.get("connected").asBoolean()).isFalse();
        assertThat(unset.get("available").asBoolean()).isFalse();

        Api wandaApi = human("wanda");
        HttpResponse<Stream<String>> response = wandaApi.lines("/v1/human/stream");
        assertThat(response.statusCode()).isEqualTo(200);
        try (SseReader stream = SseReader.of(response)) {
            forTheViews().until(stream::listening);
            JsonNode connected = owner.get(wanda).body();
            assertThat(connected.get("connected").asBoolean()).isTrue();
            assertThat(connected.get("available").asBoolean())
                    .as("no status, but connected")
                    .isTrue();

            Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
            Answer set = wandaApi.put("/v1/human/availability", "{\"status\":\"busy\",\"until\":\"" + until + "\"}");
            assertThat(set.status()).as("%s", set).isEqualTo(200);
            assertThat(set.body().get("status").asText()).isEqualTo("busy");
            assertThat(set.body().get("userId").asText()).isEqualTo("wanda");
            forTheViews().untilAsserted(() -> {
                JsonNode busy = owner.get(wanda).body();
                assertThat(busy.get("status").asText()).isEqualTo("busy");
                assertThat(Instant.parse(busy.get("until").asText())).isEqualTo(until);
                assertThat(busy.get("available").asBoolean()).isFalse();
                assertThat(busy.get("lastActivityAt").isNull()).isFalse();
            });
        }
        assertThat(EventLog.types(
                        system, "human-" + HumanIds.of(system.secrets().spaceId(), "wanda")))
                .containsExactly("HumanAvailabilitySet");

        assertThat(refusal(wandaApi.put("/v1/human/availability", "{\"status\":\"asleep\"}"), 400))
                .contains("status");
        assertThat(refusal(wandaApi.put("/v1/human/availability", "{}"), 400)).contains("status");
        assertThat(refusal(
                        wandaApi.put(
                                "/v1/human/availability", "{\"status\":\"away\",\"until\":\"2020-01-01T00:00:00Z\"}"),
                        400))
                .contains("until");
        assertThat(refusal(owner.get("/v1/agent/users/nobody-here/availability"), 404))
                .isNotEmpty();
        assertThat(refusal(agentB.get(wanda), 404)).isNotEmpty();
        assertThat(owner.put("/v1/human/availability", "{\"status\":\"busy\"}").status())
                .isEqualTo(401);
    }

    @Test
    void agents_log_activity_communications_and_telemetry_which_the_owner_lists() throws Exception {
        Api worker = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "log-bot");
        String workerId =
                AgentNames.agentId(system.secrets().spaceId(), "log-bot").toString();
        String session = worker.openSession();

        Answer activity = worker.post(
                "/v1/agent/activity",
                "{\"action\":\"deploy.started\",\"description\":\"rolling out 2.4.1\",\"sessionId\":\"" + session
                        + "\",\"details\":{\"service\":\"api\",\"replicas\":3}}");
        assertThat(activity.status()).as("%s", activity).isEqualTo(201);
        assertThat(activity.body().get("kind").asText()).isEqualTo("activity");
        String activityId = activity.id();
        worker.post(
                        "/v1/agent/comms",
                        "{\"channel\":\"email\",\"direction\":\"outbound\",\"counterpart\":\"ops@example.com\","
                                + "\"summary\":\"deploy notice\"}")
                .expect(201);
        worker.post(
                        "/v1/agent/telemetry",
                        "{\"metrics\":[{\"name\":\"tokens.used\",\"value\":1234,\"unit\":\"tokens\"},"
                                + "{\"name\":\"latency\",\"value\":0.25,\"unit\":\"s\"}],\"tags\":{\"model\":\"m1\"}}")
                .expect(201);

        forTheViews().untilAsserted(() -> assertThat(
                        worker.get("/v1/agent/telemetry").data().size())
                .isEqualTo(1));
        JsonNode ownActivity = worker.get("/v1/agent/activity").body();
        assertThat(ownActivity.get("total").asLong()).isEqualTo(1);
        JsonNode entry = ownActivity.at("/data/0");
        assertThat(entry.get("id").asText()).isEqualTo(activityId);
        assertThat(entry.get("action").asText()).isEqualTo("deploy.started");
        assertThat(entry.get("sessionId").asText()).isEqualTo(session);
        assertThat(entry.at("/details/replicas").asInt()).isEqualTo(3);
        assertThat(worker.get("/v1/agent/comms")
                        .body()
                        .at("/data/0/counterpart")
                        .asText())
                .isEqualTo("ops@example.com");
        JsonNode telemetry = worker.get("/v1/agent/telemetry").body().at("/data/0");
        assertThat(telemetry.at("/metrics/0/value").asDouble()).isEqualTo(1234);
        assertThat(telemetry.at("/tags/model").asText()).isEqualTo("m1");

        // The owner lists every agent's entries, or one agent's; the agent's own lists hold only its own.
        owner.post("/v1/agent/activity", "{\"action\":\"owner.did\"}").expect(201);
        forTheViews().untilAsserted(() -> assertThat(owner.get("/v1/admin/activity?pageSize=100")
                        .body()
                        .get("total")
                        .asLong())
                .isGreaterThanOrEqualTo(2));
        JsonNode onlyWorker =
                owner.get("/v1/admin/activity?agentId=" + workerId).body();
        assertThat(onlyWorker.get("total").asLong()).isEqualTo(1);
        assertThat(onlyWorker.at("/data/0/agentId").asText()).isEqualTo(workerId);
        assertThat(owner.get("/v1/admin/comms?agentId=" + workerId)
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(owner.get("/v1/admin/telemetry?agentId=" + workerId)
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(worker.get("/v1/agent/activity").body().get("total").asLong())
                .isEqualTo(1);
        assertThat(refusal(owner.get("/v1/admin/activity?agentId=not-an-id"), 400))
                .contains("agentId");

        // Not the owner: 403; another space sees none of it.
        String plainKey = Api.gateway(system)
                .withKey(system.secrets().provisioningKeyOnce())
                .post("/v1/provision/agents", "{\"name\":\"plain-bot\"}")
                .expect(201)
                .body()
                .get("apiKey")
                .asText();
        Api plain = Api.gateway(system).withKey(plainKey);
        forTheViews()
                .untilAsserted(() ->
                        assertThat(plain.get("/v1/agent/activity").status()).isEqualTo(200));
        assertThat(refusal(plain.get("/v1/admin/activity"), 403)).isNotEmpty();
        assertThat(refusal(agentB.get("/v1/admin/activity"), 403)).isNotEmpty();
        assertThat(agentB.get("/v1/agent/activity").body().get("total").asLong())
                .isZero();

        // Stored as events on the agent's own log stream, encrypted at rest.
        List<RecordedEvent> stored = EventLog.stream(system, "agentlog-" + workerId);
        assertThat(stored.stream().map(RecordedEvent::getEventType))
                .containsExactly("ActivityLogged", "CommunicationLogged", "TelemetryPushed");
        assertThat(stored).allSatisfy(event -> assertThat(new String(event.getEventData(), StandardCharsets.ISO_8859_1))
                .doesNotContain("deploy", "ops@example.com", "tokens.used"));
    }

    @Test
    void the_text_of_entries_that_name_a_session_is_erased_when_the_session_is_shredded() throws Exception {
        Api worker = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "shred-bot");
        String session = worker.openSession();
        String kept = worker.post("/v1/agent/activity", "{\"action\":\"unrelated\",\"description\":\"stays\"}")
                .expect(201)
                .id();
        String activity = worker.post(
                        "/v1/agent/activity",
                        "{\"action\":\"refund.issued\",\"description\":\"refunded Jane Doe\",\"sessionId\":\"" + session
                                + "\",\"details\":{\"amount\":42}}")
                .expect(201)
                .id();
        String comm = worker.post(
                        "/v1/agent/comms",
                        "{\"channel\":\"email\",\"direction\":\"outbound\",\"counterpart\":\"jane@example.com\","
                                + "\"summary\":\"refund confirmation\",\"sessionId\":\"" + session + "\"}")
                .expect(201)
                .id();
        // Only the agent's own session: another agent's, or none, answers 404 and stores nothing.
        String othersSession = owner.openSession();
        assertThat(refusal(
                        worker.post("/v1/agent/activity", "{\"action\":\"a\",\"sessionId\":\"" + othersSession + "\"}"),
                        404))
                .isNotEmpty();
        assertThat(refusal(
                        worker.post(
                                "/v1/agent/comms",
                                "{\"channel\":\"c\",\"direction\":\"inbound\",\"sessionId\":\"" + UUID.randomUUID()
                                        + "\"}"),
                        404))
                .isNotEmpty();

        forTheViews()
                .untilAsserted(() ->
                        assertThat(worker.get("/v1/agent/comms").data().size()).isEqualTo(1));
        JsonNode readable = entry(worker.get("/v1/agent/activity").data(), activity);
        assertThat(readable.get("description").asText()).isEqualTo("refunded Jane Doe");
        assertThat(readable.at("/details/amount").asInt()).isEqualTo(42);
        assertThat(readable.has("erased")).isFalse();
        assertThat(entry(worker.get("/v1/agent/comms").data(), comm)
                        .get("summary")
                        .asText())
                .isEqualTo("refund confirmation");

        worker.post("/v1/admin/sessions/" + session + "/shred", "{\"confirm\":\"" + session + "\"}")
                .expect(200);
        forTheViews().untilAsserted(() -> {
            JsonNode erased = entry(worker.get("/v1/agent/activity").data(), activity);
            assertThat(erased.get("erased").asBoolean()).isTrue();
            assertThat(erased.get("description").isNull()).isTrue();
            assertThat(erased.get("details").isNull()).isTrue();
            assertThat(erased.get("action").asText())
                    .as("the action stays, like a command's name")
                    .isEqualTo("refund.issued");
            JsonNode erasedComm = entry(worker.get("/v1/agent/comms").data(), comm);
            assertThat(erasedComm.get("erased").asBoolean()).isTrue();
            assertThat(erasedComm.get("counterpart").isNull()).isTrue();
            assertThat(erasedComm.get("summary").isNull()).isTrue();
        });
        assertThat(entry(worker.get("/v1/agent/activity").data(), kept)
                        .get("description")
                        .asText())
                .isEqualTo("stays");
        // A rebuild meets the sealed text it can no longer open and writes the same erased entries.
        String live = worker.get("/v1/agent/activity?pageSize=100").text()
                + worker.get("/v1/agent/comms?pageSize=100").text();
        ViewRebuilds.all(owner);
        assertThat(worker.get("/v1/agent/activity?pageSize=100").text()
                        + worker.get("/v1/agent/comms?pageSize=100").text())
                .isEqualTo(live);
        assertThat(refusal(
                        worker.post("/v1/agent/activity", "{\"action\":\"late\",\"sessionId\":\"" + session + "\"}"),
                        409))
                .isNotEmpty();
    }

    @Test
    void bad_log_entries_answer_400_naming_the_field_and_store_nothing() throws Exception {
        Api worker = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "careless-bot");
        String tooLong = "x".repeat(4001);
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"/v1/agent/activity", "{}", "action"},
                new String[] {"/v1/agent/activity", "{\"action\":\"\"}", "action"},
                new String[] {
                    "/v1/agent/activity", "{\"action\":\"a\",\"description\":\"" + tooLong + "\"}", "description"
                },
                new String[] {"/v1/agent/activity", "{\"action\":\"a\",\"sessionId\":\"nope\"}", "sessionId"},
                new String[] {"/v1/agent/activity", "{\"action\":\"a\",\"details\":[1]}", "details"},
                new String[] {
                    "/v1/agent/activity",
                    "{\"action\":\"a\",\"details\":{\"blob\":\"" + "y".repeat(9000) + "\"}}",
                    "details"
                },
                new String[] {"/v1/agent/comms", "{\"channel\":\"email\"}", "direction"},
                new String[] {"/v1/agent/comms", "{\"channel\":\"email\",\"direction\":\"sideways\"}", "direction"},
                new String[] {"/v1/agent/comms", "{\"direction\":\"inbound\"}", "channel"},
                new String[] {"/v1/agent/telemetry", "{}", "metrics"},
                new String[] {"/v1/agent/telemetry", "{\"metrics\":[]}", "metrics"},
                new String[] {"/v1/agent/telemetry", "{\"metrics\":[{\"value\":1}]}", "name"},
                new String[] {"/v1/agent/telemetry", "{\"metrics\":[{\"name\":\"n\",\"value\":\"high\"}]}", "value"},
                new String[] {
                    "/v1/agent/telemetry", "{\"metrics\":[{\"name\":\"n\",\"value\":1}],\"tags\":{\"k\":1}}", "tags"
                }));
        for (String[] bad : cases) {
            assertThat(refusal(worker.post(bad[0], bad[1]), 400))
                    .as(bad[0] + " " + bad[1])
                    .contains(bad[2]);
        }
        String workerId =
                AgentNames.agentId(system.secrets().spaceId(), "careless-bot").toString();
        assertThat(EventLog.all(system)).noneMatch(event -> event.getStreamId().equals("agentlog-" + workerId));
    }

    @Test
    void an_agent_publishes_a_profile_that_anyone_reads_by_its_slug() throws Exception {
        Api publisher = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "release-bot");
        assertThat(publisher.get("/v1/agent/profile").status()).isEqualTo(404);
        Answer published = publisher.put(
                "/v1/agent/profile",
                "{\"slug\":\"release-bot\",\"displayName\":\"Release bot\",\"description\":\"Ships releases\","
                        + "\"websiteUrl\":\"https://example.com/release-bot\"}");
        assertThat(published.status()).as("%s", published).isEqualTo(200);
        assertThat(published.body().get("slug").asText()).isEqualTo("release-bot");
        assertThat(published.body().get("publishedAt").asText()).isNotEmpty();

        Api anyone = Api.gateway(system);
        forTheViews().untilAsserted(() -> assertThat(
                        anyone.get("/v1/public/agents/release-bot").status())
                .isEqualTo(200));
        JsonNode profile = anyone.get("/v1/public/agents/release-bot").body();
        assertThat(profile.get("displayName").asText()).isEqualTo("Release bot");
        assertThat(profile.get("description").asText()).isEqualTo("Ships releases");
        assertThat(profile.get("websiteUrl").asText()).isEqualTo("https://example.com/release-bot");
        assertThat(profile.has("agentId")).as("only what was published").isFalse();
        assertThat(profile.has("spaceId")).isFalse();
        assertThat(publisher.get("/v1/agent/profile").body().get("slug").asText())
                .isEqualTo("release-bot");
        assertThat(refusal(anyone.get("/v1/public/agents/nobody-has-this"), 404))
                .isNotEmpty();

        // The slug is unique in the deployment: another agent, of this space or another, is refused.
        Api other = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "copycat-bot");
        String copy = "{\"slug\":\"release-bot\",\"displayName\":\"Copycat\"}";
        assertThat(refusal(other.put("/v1/agent/profile", copy), 409)).contains("release-bot");
        assertThat(refusal(agentB.put("/v1/agent/profile", copy), 409)).contains("release-bot");

        // Bad fields answer 400 naming them.
        assertThat(refusal(other.put("/v1/agent/profile", "{\"slug\":\"A!\",\"displayName\":\"x\"}"), 400))
                .contains("slug");
        assertThat(refusal(other.put("/v1/agent/profile", "{\"slug\":\"copycat\"}"), 400))
                .contains("displayName");
        assertThat(refusal(
                        other.put(
                                "/v1/agent/profile",
                                "{\"slug\":\"copycat\",\"displayName\":\"x\",\"websiteUrl\":\"javascript:alert(1)\"}"),
                        400))
                .contains("websiteUrl");

        // A new slug frees the old one, which another agent may then take.
        publisher
                .put("/v1/agent/profile", "{\"slug\":\"shipper\",\"displayName\":\"Release bot\"}")
                .expect(200);
        forTheViews().untilAsserted(() -> {
            assertThat(anyone.get("/v1/public/agents/release-bot").status()).isEqualTo(404);
            JsonNode renamed =
                    anyone.get("/v1/public/agents/shipper").expect(200).body();
            assertThat(renamed.get("description").isNull())
                    .as("left out: no longer published")
                    .isTrue();
        });
        other.put("/v1/agent/profile", copy).expect(200);
        forTheViews().untilAsserted(() -> assertThat(anyone.get("/v1/public/agents/release-bot")
                        .expect(200)
                        .body()
                        .get("displayName")
                        .asText())
                .isEqualTo("Copycat"));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static Api human(String userId) {
        return Api.gateway(system).withToken(system.mintHumanToken(userId));
    }

    private static List<String> userIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(user -> ids.add(user.get("userId").asText()));
        return ids;
    }

    private static JsonNode entry(JsonNode data, String id) {
        for (JsonNode entry : data) {
            if (entry.get("id").asText().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError(id + " is not listed in " + data);
    }

    private static JsonNode user(JsonNode page, String userId) {
        for (JsonNode user : page.get("data")) {
            if (user.get("userId").asText().equals(userId)) {
                return user;
            }
        }
        throw new AssertionError(userId + " is not listed in " + page);
    }

    /** The error message of a refusal with this status. */
    private static String refusal(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        return answer.error().get("message").asText();
    }
}
