package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Json;
import dev.ledgerloop.standalone.live.SseReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channels end to end through the gateway: agents of one space, named with {@code X-Hiloop} on the bootstrap key,
 * talk in a channel; only its participants find it, a closed channel takes no more, bad input is refused with 400,
 * messages scroll back with {@code limit} and {@code before}, and the channel's events reach the live streams of its
 * participants and of no one else.
 */
class ChannelsEndToEndTest {
    private static final String CHANNELS = "/v1/agent/channels";

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api alice;
    private static Api bob;
    private static Api carol;
    private static String aliceId;
    private static String bobId;
    private static String carolId;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        String key = system.secrets().bootstrapKeyOnce();
        alice = Api.gateway(system).withKey(key, "alice");
        bob = Api.gateway(system).withKey(key, "bob");
        carol = Api.gateway(system).withKey(key, "carol");
        aliceId = alice.agentId();
        bobId = bob.agentId();
        carolId = carol.agentId();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void participants_talk_and_close_and_their_streams_see_it_while_others_see_nothing() throws Exception {
        Api dave = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "dave");
        String daveId = dave.agentId();
        try (SseReader aliceStream = open(alice);
                SseReader bobStream = open(bob);
                SseReader carolStream = open(carol);
                SseReader daveStream = open(dave)) {
            forTheViews()
                    .until(() -> aliceStream.listening()
                            && bobStream.listening()
                            && carolStream.listening()
                            && daveStream.listening());

            Answer created = alice.post(
                    CHANNELS,
                    "{\"name\":\"release\",\"description\":\"ship 1.2\",\"participantIds\":[\"" + bobId + "\"]}");
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            JsonNode channel = created.body();
            String id = channel.get("id").asText();
            assertThat(channel.get("name").asText()).isEqualTo("release");
            assertThat(channel.get("description").asText()).isEqualTo("ship 1.2");
            assertThat(channel.get("status").asText()).isEqualTo("Open");
            assertThat(channel.get("createdBy").asText()).isEqualTo(aliceId);
            assertThat(texts(channel.get("participantIds"))).containsExactly(aliceId, bobId);
            assertThat(channel.get("createdAt").asText()).isNotEmpty();
            assertThat(channel.get("closedAt").isNull()).isTrue();
            String path = CHANNELS + "/" + id;

            String content = envelope();
            Answer sent = bob.post(path + "/messages", "{\"encryptedContent\":" + content + "}");
            assertThat(sent.status()).as("%s", sent).isEqualTo(201);
            JsonNode message = sent.body();
            assertThat(message.get("channelId").asText()).isEqualTo(id);
            assertThat(message.get("senderAgentId").asText()).isEqualTo(bobId);
            assertThat(message.get("kind").asText()).isEqualTo("text");
            assertThat(message.get("encryptedContent")).isEqualTo(Json.read(content));
            assertThat(message.get("createdAt").asText()).isNotEmpty();

            Answer added = alice.post(path + "/participants", "{\"agentId\":\"" + daveId + "\"}");
            assertThat(added.status()).as("%s", added).isEqualTo(201);
            assertThat(added.body().get("agentId").asText()).isEqualTo(daveId);
            assertThat(alice.post(path + "/participants", "{\"agentId\":\"" + daveId + "\"}")
                            .status())
                    .isEqualTo(409);
            assertThat(dave.delete(path + "/participants/" + daveId).status()).isEqualTo(204);
            assertThat(alice.delete(path + "/participants/" + daveId).status()).isEqualTo(404);

            // Participants read the channel, its participants and messages; anyone else is told it does not exist.
            forTheViews().untilAsserted(() -> {
                Answer read = bob.get(path);
                assertThat(read.status()).isEqualTo(200);
                assertThat(texts(read.body().get("participantIds"))).containsExactly(aliceId, bobId);
            });
            assertThat(texts(bob.get(path + "/participants").data(), "agentId")).containsExactly(aliceId, bobId);
            assertThat(texts(bob.get(CHANNELS).data(), "id")).contains(id);
            JsonNode listed = alice.get(CHANNELS + "?page=1&pageSize=5").body();
            assertThat(listed.get("page").asInt()).isEqualTo(1);
            assertThat(listed.get("pageSize").asInt()).isEqualTo(5);
            assertThat(texts(listed.get("data"), "id")).contains(id);
            assertThat(texts(carol.get(CHANNELS).data(), "id")).doesNotContain(id);
            assertThat(texts(dave.get(CHANNELS).data(), "id")).doesNotContain(id);
            for (String read : List.of(path, path + "/participants", path + "/messages")) {
                Answer refused = carol.get(read);
                assertThat(refused.status()).as(read).isEqualTo(404);
                assertThat(refused.error().get("code").asText()).isEqualTo("NOT_FOUND");
            }
            assertThat(carol.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}")
                            .status())
                    .isEqualTo(404);
            assertThat(carol.post(path + "/participants", "{\"agentId\":\"" + carolId + "\"}")
                            .status())
                    .isEqualTo(404);
            assertThat(carol.post(path + "/close", null).status()).isEqualTo(404);
            assertThat(dave.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}")
                            .status())
                    .isEqualTo(404);

            // Any participant closes it, once; a closed channel takes no more messages or participants.
            Answer closed = bob.post(path + "/close", null);
            assertThat(closed.status()).as("%s", closed).isEqualTo(200);
            assertThat(closed.body().get("status").asText()).isEqualTo("Closed");
            assertThat(closed.body().get("closedAt").asText()).isNotEmpty();
            Answer again = alice.post(path + "/close", null);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.error().get("code").asText()).isEqualTo("CONFLICT");
            Answer late = alice.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}");
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.error().get("code").asText()).isEqualTo("CONFLICT");
            assertThat(alice.post(path + "/participants", "{\"agentId\":\"" + carolId + "\"}")
                            .status())
                    .isEqualTo(409);
            forTheViews().untilAsserted(() -> assertThat(
                            alice.get(path).body().get("status").asText())
                    .isEqualTo("Closed"));

            List<String> all = List.of(
                    "channel.created",
                    "channel.message.new",
                    "channel.participant.added",
                    "channel.participant.removed",
                    "channel.closed");
            forTheViews().untilAsserted(() -> {
                assertThat(channelTypes(aliceStream, id)).containsExactlyElementsOf(all);
                assertThat(channelTypes(bobStream, id)).containsExactlyElementsOf(all);
                // Dave sees from his addition to his removal.
                assertThat(channelTypes(daveStream, id))
                        .containsExactly("channel.participant.added", "channel.participant.removed");
            });
            SseReader.Event news = aliceStream.events().stream()
                    .filter(event -> event.type().equals("channel.message.new"))
                    .findFirst()
                    .orElseThrow();
            assertThat(news.body().at("/data/channelId").asText()).isEqualTo(id);
            assertThat(news.body().at("/data/message/id").asText())
                    .isEqualTo(message.get("id").asText());
            assertThat(news.body().at("/data/message/encryptedContent")).isEqualTo(Json.read(content));
            assertThat(texts(news.body().at("/data/participantIds"))).containsExactly(aliceId, bobId);
            assertThat(carolStream.events()).noneMatch(event -> event.type().startsWith("channel."));
        }
    }

    @Test
    void messages_scroll_back_newest_first_with_limit_and_before() throws Exception {
        String path = channel(alice, bobId);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Api sender = i % 2 == 0 ? alice : bob;
            sent.add(sender.post(path + "/messages", "{\"encryptedContent\":" + envelope() + ",\"kind\":\"note.v1\"}")
                    .expect(201)
                    .id());
        }
        List<String> newestFirst = new ArrayList<>(sent);
        java.util.Collections.reverse(newestFirst);
        forTheViews().untilAsserted(() -> assertThat(
                        bob.get(path + "/messages").body().get("items"))
                .hasSize(7));
        JsonNode everything = bob.get(path + "/messages").body();
        assertThat(texts(everything.get("items"), "id")).containsExactlyElementsOf(newestFirst);
        assertThat(everything.get("hasMore").asBoolean()).isFalse();
        assertThat(everything.at("/items/0/kind").asText()).isEqualTo("note.v1");

        JsonNode first = bob.get(path + "/messages?limit=3").body();
        assertThat(texts(first.get("items"), "id")).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        JsonNode second =
                bob.get(path + "/messages?limit=3&before=" + newestFirst.get(2)).body();
        assertThat(texts(second.get("items"), "id")).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(second.get("hasMore").asBoolean()).isTrue();
        JsonNode last =
                bob.get(path + "/messages?limit=3&before=" + newestFirst.get(5)).body();
        assertThat(texts(last.get("items"), "id")).containsExactly(newestFirst.get(6));
        assertThat(last.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void bad_input_is_refused_with_400_and_unknown_agents_with_404() throws Exception {
        String tooLong = "x".repeat(101);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("\"" + UUID.randomUUID() + "\"");
        }
        for (String body : List.of(
                "{}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":\"" + tooLong + "\"}",
                "{\"name\":42}",
                "{\"name\":\"ok\",\"description\":\"" + "d".repeat(1001) + "\"}",
                "{\"name\":\"ok\",\"participantIds\":[\"not-a-uuid\"]}",
                "{\"name\":\"ok\",\"participantIds\":\"" + bobId + "\"}",
                "{\"name\":\"ok\",\"participantIds\":[" + String.join(",", ids) + "]}",
                "not json")) {
            assertValidationError(alice.post(CHANNELS, body), body);
        }
        Answer unknownAgent =
                alice.post(CHANNELS, "{\"name\":\"ok\",\"participantIds\":[\"" + UUID.randomUUID() + "\"]}");
        assertThat(unknownAgent.status()).isEqualTo(404);
        assertThat(unknownAgent.error().get("code").asText()).isEqualTo("NOT_FOUND");

        String path = channel(alice, bobId);
        for (String body : List.of(
                "{}",
                "{\"encryptedContent\":\"plain text\"}",
                "{\"encryptedContent\":{\"v\":1}}",
                "{\"encryptedContent\":" + envelope() + ",\"kind\":\"Not A Kind\"}",
                "{\"encryptedContent\":" + envelope() + ",\"kind\":\"" + "k".repeat(51) + "\"}")) {
            assertValidationError(alice.post(path + "/messages", body), body);
        }
        assertValidationError(alice.post(path + "/participants", "{\"agentId\":\"nope\"}"), "agentId nope");
        assertValidationError(alice.post(path + "/participants", "{}"), "no agentId");
        assertThat(alice.post(path + "/participants", "{\"agentId\":\"" + UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(404);
        forTheViews().until(() -> alice.get(path).status() == 200);
        for (String query : List.of("limit=0", "limit=101", "limit=ten", "before=" + UUID.randomUUID(), "before=x")) {
            assertValidationError(alice.get(path + "/messages?" + query), query);
        }
        assertValidationError(alice.get(CHANNELS + "?pageSize=101"), "pageSize=101");
        // A path id that is not a UUID names nothing, as everywhere in the API.
        assertThat(alice.get(CHANNELS + "/not-a-uuid").status()).isEqualTo(404);
        assertThat(alice.get(CHANNELS + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(alice.post(CHANNELS + "/" + UUID.randomUUID() + "/close", null)
                        .status())
                .isEqualTo(404);
    }

    private static void assertValidationError(Answer answer, String what) {
        assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(400);
        assertThat(answer.error().get("code").asText()).as(what).isEqualTo("VALIDATION_ERROR");
    }

    /** A new channel of {@code creator} with these participants; answers its path. */
    private static String channel(Api creator, String... participants) throws Exception {
        List<String> quoted =
                Stream.of(participants).map(id -> "\"" + id + "\"").toList();
        return CHANNELS + "/"
                + creator.post(CHANNELS, "{\"name\":\"c\",\"participantIds\":[" + String.join(",", quoted) + "]}")
                        .expect(201)
                        .id();
    }

    private static SseReader open(Api api) throws Exception {
        HttpResponse<Stream<String>> response = api.lines("/v1/agent/stream");
        assertThat(response.statusCode()).isEqualTo(200);
        return SseReader.of(response);
    }

    private static List<String> channelTypes(SseReader stream, String channelId) {
        return stream.events().stream()
                .filter(event -> event.body().at("/data/channelId").asText().equals(channelId))
                .map(SseReader.Event::type)
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.get(field).asText()));
        return texts;
    }
}
