package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session API beyond the skeleton, black-box over real HTTP through the gateway of the standalone system: agents
 * with the bootstrap API key, humans with tokens from the embedded default's local issuer.
 */
class SessionApiEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VIEWS = Duration.ofSeconds(20);

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static String key;
    private static String base;
    private static final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        key = system.secrets().bootstrapKeyOnce();
        base = "http://localhost:" + system.gatewayPort();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void participants_answer_and_the_agent_awaits_acknowledges_edits_and_deletes() throws Exception {
        String session = createSession();
        String sessionUri = base + "/v1/agent/sessions/" + session;
        assertThat(agentPost(sessionUri + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(agentPost(sessionUri + "/participants", "{\"userId\":\"bob\",\"role\":\"viewer\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(agentPost(sessionUri + "/participants", "{\"userId\":\"bob\",\"role\":\"member\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(agentPost(sessionUri + "/participants", "{\"userId\":\"carol\",\"role\":\"boss\"}")
                        .statusCode())
                .isEqualTo(400);
        await().atMost(VIEWS).untilAsserted(() -> assertThat(data(agentGet(sessionUri + "/participants")))
                .extracting(participant -> participant.get("userId").asText())
                .containsExactlyInAnyOrder("alice", "bob"));

        String question = id(agentPost(sessionUri + "/messages", message("High", true, null)));
        assertThat(agentGet(sessionUri + "/await?timeoutMs=50").statusCode()).isEqualTo(204);

        CompletableFuture<HttpResponse<String>> awaiting = http.sendAsync(
                request(sessionUri + "/await?timeoutMs=30000").GET().build(), HttpResponse.BodyHandlers.ofString());
        String respond = "/v1/human/sessions/" + session + "/messages/" + question + "/respond";
        String answer = "{\"encryptedResponse\":" + envelope() + "}";
        assertThat(humanPost("alice", respond, answer).statusCode()).isEqualTo(201);
        HttpResponse<String> answered = awaiting.get();
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).get("userId").asText()).isEqualTo("alice");
        assertThat(JSON.readTree(answered.body()).get("messageId").asText()).isEqualTo(question);

        assertThat(humanPost("alice", respond, answer).statusCode()).isEqualTo(409);
        assertThat(humanPost("bob", respond, answer).statusCode()).isEqualTo(403);
        assertThat(humanPost("carol", respond, answer).statusCode()).isEqualTo(404);
        assertThat(humanGet("carol", "/v1/human/sessions/" + session + "/timeline")
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> acknowledged = agentPost(sessionUri + "/acknowledge", "{}");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(acknowledged.body()).get("status").asText()).isEqualTo("Completed");
        assertThat(agentPost(sessionUri + "/acknowledge", "{}").statusCode()).isEqualTo(409);

        String edited = envelope();
        assertThat(agentPatch(sessionUri + "/messages/" + question, "{\"encryptedContent\":" + edited + "}")
                        .statusCode())
                .isEqualTo(200);
        String deleted = id(agentPost(sessionUri + "/messages", message("Low", false, null)));
        assertThat(agentDelete(sessionUri + "/messages/" + deleted).statusCode())
                .isEqualTo(204);
        assertThat(agentDelete(sessionUri + "/messages/" + deleted).statusCode())
                .isEqualTo(404);

        await().atMost(VIEWS).untilAsserted(() -> {
            JsonNode items = data(humanGet("alice", "/v1/human/sessions/" + session + "/timeline"));
            JsonNode questionItem = item(items, question);
            assertThat(questionItem.get("status").asText()).isEqualTo("Completed");
            assertThat(questionItem.get("encryptedContent")).isEqualTo(JSON.readTree(edited));
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
        String session = createSession();
        String sessionUri = base + "/v1/agent/sessions/" + session;
        agentPost(sessionUri + "/participants", "{\"userId\":\"dora\",\"role\":\"member\"}");
        Instant later = Instant.now().plus(Duration.ofDays(2));
        Instant sooner = Instant.now().plus(Duration.ofDays(1));
        String low = id(agentPost(sessionUri + "/messages", message("Low", true, null)));
        String highLater = id(agentPost(sessionUri + "/messages", message("High", true, later)));
        String highSooner = id(agentPost(sessionUri + "/messages", message("High", true, sooner)));
        agentPost(sessionUri + "/messages", message("Urgent", false, null));

        await().atMost(VIEWS).untilAsserted(() -> assertThat(ids(data(humanGet("dora", "/v1/human/feed"))))
                .containsExactly(highSooner, highLater, low));

        HttpResponse<String> cancelled = agentPost(sessionUri + "/cancel", "{}");
        assertThat(JSON.readTree(cancelled.body()).get("messageId").asText()).isEqualTo(highSooner);
        String expiring = id(agentPost(
                sessionUri + "/messages", message("Urgent", true, Instant.now().plusSeconds(2))));
        await().atMost(VIEWS).untilAsserted(() -> {
            JsonNode items = data(agentGet(sessionUri + "/timeline?pageSize=100"));
            assertThat(item(items, expiring).get("status").asText()).isEqualTo("Expired");
            assertThat(item(items, highSooner).get("status").asText()).isEqualTo("Cancelled");
        });
        await().atMost(VIEWS).untilAsserted(() -> assertThat(ids(data(humanGet("dora", "/v1/human/feed"))))
                .containsExactly(highLater, low));
    }

    @Test
    void session_and_message_objects_have_exactly_the_fields_of_api_md() throws Exception {
        HttpResponse<String> created = agentPost(base + "/v1/agent/sessions", "{\"isPublic\":true,\"maxGuests\":2}");
        JsonNode session = JSON.readTree(created.body());
        assertThat(fieldNames(session))
                .containsExactlyInAnyOrder(
                        "id",
                        "status",
                        "isPublic",
                        "maxGuests",
                        "encryptedTitle",
                        "agentId",
                        "createdAt",
                        "updatedAt",
                        "lastMessageAt");
        assertThat(session.get("isPublic").asBoolean()).isTrue();
        HttpResponse<String> sent = agentPost(
                base + "/v1/agent/sessions/" + session.get("id").asText() + "/messages",
                message("Urgent", true, Instant.parse("2030-01-01T00:00:00Z")));
        JsonNode message = JSON.readTree(sent.body());
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
        await().atMost(VIEWS).untilAsserted(() -> {
            JsonNode page = JSON.readTree(
                    agentGet(base + "/v1/agent/sessions?page=1&pageSize=1").body());
            assertThat(fieldNames(page)).containsExactlyInAnyOrder("data", "total", "page", "pageSize");
            assertThat(fieldNames(page.get("data").get(0))).isEqualTo(fieldNames(session));
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void fifty_parallel_sends_to_one_session_all_land_in_the_timeline() throws Exception {
        String session = createSession();
        String messages = base + "/v1/agent/sessions/" + session + "/messages";
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        IntStream.range(0, 50)
                .forEach(i -> sends.add(http.sendAsync(
                        request(messages)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(message("Medium", false, null)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())));
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> send : sends) {
            statuses.add(send.get().statusCode());
        }
        assertThat(statuses).containsOnly(201);
        await().atMost(VIEWS).untilAsserted(() -> assertThat(
                        JSON.readTree(agentGet(base + "/v1/agent/sessions/" + session + "/timeline")
                                        .body())
                                .get("total")
                                .asLong())
                .isEqualTo(50));
    }

    @Test
    void guest_tokens_admit_humans_until_used_up_or_revoked() throws Exception {
        String session = createSession();
        String sessionUri = base + "/v1/agent/sessions/" + session;
        HttpResponse<String> created = agentPost(sessionUri + "/guest-tokens", "{\"maxUses\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        assertThat(token.get("token").asText()).startsWith("hlg_");
        assertThat(token.get("publicUrl").asText()).contains("/join/" + session);
        String join = "/v1/human/sessions/" + session + "/join";
        String body = "{\"token\":\"" + token.get("token").asText() + "\"}";
        assertThat(humanPost("gina", join, body).statusCode()).isEqualTo(201);
        HttpResponse<String> usedUp = humanPost("hugo", join, body);
        assertThat(usedUp.statusCode()).isEqualTo(409);
        assertThat(usedUp.body()).contains("used up");
        assertThat(humanPost("hugo", join, "{\"token\":\"hlg_nope\"}").statusCode())
                .isEqualTo(404);

        JsonNode second =
                JSON.readTree(agentPost(sessionUri + "/guest-tokens", "{}").body());
        assertThat(agentDelete(sessionUri + "/guest-tokens/" + second.get("id").asText())
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> revoked =
                humanPost("hugo", join, "{\"token\":\"" + second.get("token").asText() + "\"}");
        assertThat(revoked.statusCode()).isEqualTo(409);
        assertThat(agentPost(sessionUri + "/guest-tokens", "{\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                        .statusCode())
                .isEqualTo(400);

        await().atMost(VIEWS).untilAsserted(() -> {
            JsonNode tokens = data(agentGet(sessionUri + "/guest-tokens"));
            assertThat(tokens).hasSize(2);
            assertThat(tokens.get(0).get("uses").asInt()).isEqualTo(1);
            assertThat(tokens.get(1).get("revoked").asBoolean()).isTrue();
            assertThat(tokens.toString()).doesNotContain("hlg_");
            assertThat(data(agentGet(sessionUri + "/participants")))
                    .anySatisfy(participant ->
                            assertThat(participant.get("role").asText()).isEqualTo("guest"));
        });
    }

    @Test
    void attachments_are_stored_encrypted_outside_the_log_listed_and_downloaded_as_uploaded() throws Exception {
        String session = createSession();
        String attachments = base + "/v1/agent/sessions/" + session + "/attachments";
        byte[] file = new byte[200_000];
        RANDOM.nextBytes(file);
        HttpResponse<String> uploaded = upload(attachments, "report.bin", file);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode attachment = JSON.readTree(uploaded.body());
        assertThat(attachment.get("size").asLong()).isEqualTo(file.length);
        assertThat(attachment.get("sha256").asText())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(file)));

        await().atMost(VIEWS).untilAsserted(() -> assertThat(data(agentGet(attachments)))
                .extracting(listed -> listed.get("filename").asText())
                .containsExactly("report.bin"));
        HttpResponse<byte[]> downloaded = http.send(
                request(attachments + "/" + attachment.get("id").asText()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(file);

        HttpResponse<String> tooLarge = upload(attachments, "big.bin", new byte[11 * 1024 * 1024]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body()).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(upload(base + "/v1/agent/sessions/" + java.util.UUID.randomUUID() + "/attachments", "x", file)
                        .statusCode())
                .isEqualTo(404);
    }

    private static HttpResponse<String> upload(String url, String filename, byte[] bytes) throws Exception {
        String boundary = "ledgerloop" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(request(url)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Test
    void typing_fans_out_live_to_the_sessions_listeners_without_an_event() throws Exception {
        String session = createSession();
        String sessionUri = base + "/v1/agent/sessions/" + session;
        agentPost(sessionUri + "/participants", "{\"userId\":\"tess\",\"role\":\"member\"}");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        await().atMost(VIEWS)
                .until(() -> humanGet("tess", "/v1/human/sessions/" + session + "/timeline")
                                .statusCode()
                        == 200);
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = http.sendAsync(
                human(base + "/v1/human/sessions/" + session + "/typing", "tess")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> open = stream.get();
        assertThat(open.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> open.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        await().atMost(VIEWS).until(() -> !lines.isEmpty());

        HttpResponse<String> typing = agentPost(sessionUri + "/typing", "{\"typing\":true}");
        assertThat(typing.statusCode()).isEqualTo(202);
        await().atMost(VIEWS).untilAsserted(() -> assertThat(String.join("\n", lines))
                .contains("event:session.typing")
                .contains("\"typing\":true")
                .contains("\"kind\":\"agent\""));
        assertThat(agentPost(sessionUri + "/typing", "{\"typing\":\"yes\"}").statusCode())
                .isEqualTo(400);
        open.body().close();
    }

    @Test
    void an_archived_session_leaves_the_list_and_refuses_changes() throws Exception {
        String session = createSession();
        String sessionUri = base + "/v1/agent/sessions/" + session;
        HttpResponse<String> archived = agentPost(sessionUri + "/archive", "{}");
        assertThat(JSON.readTree(archived.body()).get("status").asText()).isEqualTo("Archived");
        assertThat(agentPost(sessionUri + "/archive", "{}").statusCode()).isEqualTo(409);
        assertThat(agentPost(sessionUri + "/messages", message("Low", false, null))
                        .statusCode())
                .isEqualTo(409);
        await().atMost(VIEWS).untilAsserted(() -> {
            assertThat(ids(data(agentGet(base + "/v1/agent/sessions?pageSize=100"))))
                    .doesNotContain(session);
            assertThat(ids(data(agentGet(base + "/v1/agent/sessions?status=Archived&pageSize=100"))))
                    .contains(session);
        });
    }

    private static String createSession() throws Exception {
        HttpResponse<String> created = agentPost(base + "/v1/agent/sessions", "{}");
        assertThat(created.statusCode()).isEqualTo(201);
        return id(created);
    }

    private static String message(String priority, boolean responseRequired, Instant deadline) {
        return "{\"encryptedContent\":" + envelope() + ",\"priority\":\"" + priority + "\",\"responseRequired\":"
                + responseRequired + (deadline == null ? "" : ",\"deadlineAt\":\"" + deadline + "\"") + "}";
    }

    private static JsonNode item(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("No item " + id + " in " + items);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("data");
    }

    private static String id(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", key);
    }

    private static HttpResponse<String> agentPost(String url, String body) throws Exception {
        return send(request(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> agentPatch(String url, String body) throws Exception {
        return send(request(url)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> agentDelete(String url) throws Exception {
        return send(request(url).DELETE());
    }

    private static HttpResponse<String> agentGet(String url) throws Exception {
        return send(request(url).GET());
    }

    private static HttpResponse<String> humanPost(String user, String path, String body) throws Exception {
        return send(human(base + path, user)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> humanGet(String user, String path) throws Exception {
        return send(human(base + path, user).GET());
    }

    /** A human's request through the gateway, with a token from the embedded default's local issuer. */
    private static HttpRequest.Builder human(String url, String user) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + tokens.computeIfAbsent(user, system::mintHumanToken));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String envelope() {
        return "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\",\"ciphertext\":\"" + base64(12 + 40 + 16)
                + "\",\"wrappings\":[{\"kid\":\"human-1\",\"epk\":\"" + base64(32) + "\",\"wrappedKey\":\""
                + base64(60) + "\"}]}";
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
