package dev.ledgerloop.standalone.history;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Json.fieldNames;
import static dev.ledgerloop.standalone.fixture.Json.item;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.history.SessionHistory;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Backends;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;

/**
 * A session as it stood at any point (docs/replay.md §Point in time), black-box over real HTTP through the gateway of
 * the standalone system: one session lives through messages, an edit, an answer, a delete, participant changes and a
 * guest token, and its history is asked at several revisions and instants.
 */
class HistoryEndToEndTest {
    private static final int CHECKPOINT_EVERY = 4;

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api owner;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();

    private static String session;
    private static String question;
    private static String note;
    private static String guestToken;
    private static String originalQuestion;
    private static String editedQuestion;
    private static String originalNote;
    /** The session's events as the events list answers them, in order. */
    private static List<JsonNode> events;

    @BeforeAll
    static void start_and_live_through_a_session() throws Exception {
        // Checkpoints every few revisions, so that the session's folds resume from them (docs/replay.md).
        system = LedgerloopSystem.start(data, 0, "--ledgerloop.history.checkpoint-every=" + CHECKPOINT_EVERY);
        owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
        session = owner.openSession();
        String path = "/v1/agent/sessions/" + session;
        owner.post(path + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                .expect(201);
        owner.post(path + "/participants", "{\"userId\":\"bob\",\"role\":\"viewer\"}")
                .expect(201);
        originalQuestion = envelope();
        question = owner.post(
                        path + "/messages", "{\"encryptedContent\":" + originalQuestion + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        originalNote = envelope();
        note = owner.post(path + "/messages", "{\"encryptedContent\":" + originalNote + "}")
                .expect(201)
                .id();
        guestToken = owner.post(path + "/guest-tokens", "{\"maxUses\":3}")
                .expect(201)
                .id();
        editedQuestion = envelope();
        owner.patch(path + "/messages/" + question, "{\"encryptedContent\":" + editedQuestion + "}")
                .expect(200);
        human("alice")
                .post(
                        "/v1/human/sessions/" + session + "/messages/" + question + "/respond",
                        "{\"encryptedResponse\":" + envelope() + "}")
                .expect(201);
        owner.delete(path + "/messages/" + note).expect(204);
        owner.patch(path + "/participants/bob", "{\"role\":\"member\"}").expect(200);
        owner.delete(path + "/participants/alice").expect(204);
        owner.delete(path + "/guest-tokens/" + guestToken).expect(204);
        owner.post(path + "/acknowledge", "{}").expect(200);
        owner.post(path + "/close", "{}").expect(200);

        events = new ArrayList<>();
        owner.get(admin("/events?pageSize=100")).expect(200).data().forEach(events::add);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void the_events_list_names_each_event_of_the_stream_without_its_payload_and_pages() throws Exception {
        assertThat(events.stream().map(event -> event.get("type").asText()))
                .containsExactlyElementsOf(EventLog.types(system, "session-" + session));
        assertThat(events.stream().map(event -> event.get("revision").asLong()))
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, events.size())
                        .boxed()
                        .toList());
        assertThat(events.stream().map(event -> event.get("commitPosition").asLong()))
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(fieldNames(events.get(0)))
                .containsExactlyInAnyOrder("revision", "commitPosition", "type", "actor", "at", "eventId", "readable");
        assertThat(events.get(0).get("actor").get("kind").asText()).isEqualTo("agent");
        JsonNode response = event("ResponseSubmitted");
        assertThat(response.get("actor").get("id").asText()).isEqualTo("alice");
        assertThat(response.get("actor").get("kind").asText()).isEqualTo("human");
        assertThat(EventLog.stream(system, "session-" + session)
                        .get(0)
                        .getEventId()
                        .toString())
                .isEqualTo(events.get(0).get("eventId").asText());

        Answer second = owner.get(admin("/events?page=2&pageSize=5")).expect(200);
        assertThat(second.body().get("total").asLong()).isEqualTo(events.size());
        assertThat(second.body().get("page").asInt()).isEqualTo(2);
        assertThat(second.body().get("pageSize").asInt()).isEqualTo(5);
        assertThat(second.data()).hasSize(5);
        assertThat(second.data().get(0)).isEqualTo(events.get(5));
        Answer last = owner.get(admin("/events?page=3&pageSize=5")).expect(200);
        assertThat(last.data()).hasSize(events.size() - 10);
        assertThat(owner.get(admin("/events?pageSize=101")).status()).isEqualTo(400);
    }

    @Test
    void before_the_edit_the_message_has_its_old_content_and_after_it_the_new() throws Exception {
        long edit = revision("MessageEdited");
        JsonNode before = history("?atEvent=" + (edit - 1));
        assertThat(before.get("position").get("revision").asLong()).isEqualTo(edit - 1);
        JsonNode old = item(before.get("timeline"), question);
        assertThat(old.get("encryptedContent")).isEqualTo(Json.read(originalQuestion));
        assertThat(old.get("editedAt").isNull()).isTrue();

        JsonNode after = history("?atEvent=" + edit);
        JsonNode edited = item(after.get("timeline"), question);
        assertThat(edited.get("encryptedContent")).isEqualTo(Json.read(editedQuestion));
        assertThat(edited.get("editedAt").asText())
                .isEqualTo(events.get((int) edit).get("at").asText());
    }

    @Test
    void before_the_delete_the_message_is_there_and_after_it_a_tombstone_as_live() throws Exception {
        long delete = revision("MessageDeleted");
        JsonNode kept = item(history("?atEvent=" + (delete - 1)).get("timeline"), note);
        assertThat(kept.get("encryptedContent")).isEqualTo(Json.read(originalNote));
        assertThat(kept.get("deletedAt").isNull()).isTrue();

        JsonNode tombstone = item(history("?atEvent=" + delete).get("timeline"), note);
        assertThat(tombstone.get("encryptedContent").isNull()).isTrue();
        assertThat(tombstone.get("deletedAt").isNull()).isFalse();
        forTheViews().untilAsserted(() -> assertThat(tombstone)
                .isEqualTo(item(owner.get(live("/timeline?pageSize=100")).data(), note)));
    }

    @Test
    void statuses_answers_participants_and_guest_tokens_are_as_they_were_at_each_revision() throws Exception {
        long answered = revision("ResponseSubmitted");
        JsonNode beforeAnswer = history("?atEvent=" + (answered - 1));
        assertThat(beforeAnswer.get("timeline"))
                .noneSatisfy(item -> assertThat(item.get("kind").asText()).isEqualTo("response"));
        assertThat(item(beforeAnswer.get("timeline"), question).get("status").asText())
                .isEqualTo("Pending");
        JsonNode afterAnswer = history("?atEvent=" + answered);
        assertThat(afterAnswer.get("timeline"))
                .anySatisfy(item -> assertThat(item.get("kind").asText()).isEqualTo("response"));
        assertThat(item(
                                history("?atEvent=" + revision("InteractionAcknowledged"))
                                        .get("timeline"),
                                question)
                        .get("status")
                        .asText())
                .isEqualTo("Completed");

        assertThat(roles(history("?atEvent=" + (revision("ParticipantRoleChanged") - 1))))
                .containsExactly("alice:member", "bob:viewer");
        assertThat(roles(history("?atEvent=" + revision("ParticipantRoleChanged"))))
                .containsExactly("alice:member", "bob:member");
        assertThat(roles(history("?atEvent=" + revision("ParticipantRemoved")))).containsExactly("bob:member");

        JsonNode issued = history("?atEvent=" + revision("GuestTokenCreated")).get("guestTokens");
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).get("id").asText()).isEqualTo(guestToken);
        assertThat(issued.get(0).get("revoked").asBoolean()).isFalse();
        assertThat(issued.get(0).get("valid").asBoolean()).isTrue();
        JsonNode revoked = history("?atEvent=" + revision("GuestTokenRevoked")).get("guestTokens");
        assertThat(revoked.get(0).get("revoked").asBoolean()).isTrue();
        assertThat(revoked.get(0).get("valid").asBoolean()).isFalse();

        assertThat(history("?atEvent=0").get("session").get("status").asText()).isEqualTo("Active");
        assertThat(history("?atEvent=" + revision("SessionClosed"))
                        .get("session")
                        .get("status")
                        .asText())
                .isEqualTo("Closed");
    }

    @Test
    void at_an_instant_the_history_reflects_the_last_event_that_occurred_by_then() throws Exception {
        for (String type : List.of("SessionOpened", "MessageEdited", "ParticipantRemoved")) {
            JsonNode event = event(type);
            JsonNode then = history("?at=" + event.get("at").asText());
            assertThat(then.get("position").get("revision").asLong())
                    .isEqualTo(event.get("revision").asLong());
            assertThat(then.get("position").get("commitPosition").asLong())
                    .isEqualTo(event.get("commitPosition").asLong());
            assertThat(then.get("position").get("at").asText())
                    .isEqualTo(event.get("at").asText());
            assertThat(then.get("at").asText()).isEqualTo(event.get("at").asText());
            assertThat(then)
                    .isEqualTo(history("?atEvent=" + event.get("revision").asLong()));
        }
    }

    @Test
    void before_the_session_existed_it_is_not_found_with_a_clear_message() throws Exception {
        Instant opened = Instant.parse(events.get(0).get("at").asText());
        Answer before = owner.get(admin("/history?at=" + opened.minusMillis(1)));
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.error().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(before.error().get("message").asText())
                .contains("did not exist yet at")
                .contains("opened at");
        assertThat(owner.get(admin("/authority?userId=alice&at=" + opened.minusSeconds(60)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void malformed_or_both_parameters_or_a_revision_beyond_the_last_answer_400() throws Exception {
        for (String query : List.of(
                "?at=yesterday",
                "?at=2026-13-01T00:00:00Z",
                "?at=12345",
                "?atEvent=-1",
                "?atEvent=first",
                "?atEvent=1.5",
                "?at=2026-01-01T00:00:00Z&atEvent=1",
                "?atEvent=" + events.size())) {
            Answer answer = owner.get(admin("/history" + query));
            assertThat(answer.status()).as("%s answered %s", query, answer).isEqualTo(400);
            assertThat(answer.error().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(owner.get(admin("/authority?at=2026-01-01T00:00:00Z")).status())
                .isEqualTo(400);
        assertThat(owner.get(admin("/authority?userId=alice&at=soon")).status()).isEqualTo(400);
    }

    @Test
    void in_the_future_and_without_parameters_it_is_exactly_what_the_live_reads_answer() throws Exception {
        forTheViews().untilAsserted(() -> {
            for (String query : List.of("?at=2999-01-01T00:00:00Z", "")) {
                JsonNode now = history(query);
                assertThat(now.get("position").get("revision").asLong()).isEqualTo(events.size() - 1);
                assertThat(now.get("session")).isEqualTo(owner.get(live("")).body());
                assertThat(now.get("timeline"))
                        .isEqualTo(owner.get(live("/timeline?pageSize=100")).data());
                assertThat(now.get("participants"))
                        .isEqualTo(owner.get(live("/participants?pageSize=100")).data());
                JsonNode tokens = now.get("guestTokens").deepCopy();
                tokens.forEach(token -> ((ObjectNode) token).remove("valid"));
                assertThat(tokens)
                        .isEqualTo(owner.get(live("/guest-tokens?pageSize=100")).data());
                assertThat(now.get("unreadableEvents")).isEmpty();
            }
        });
    }

    @Test
    void the_owning_agent_reads_the_same_history_and_anyone_else_finds_nothing() throws Exception {
        long edit = revision("MessageEdited");
        Answer agents = owner.get(live("/history?atEvent=" + edit)).expect(200);
        assertThat(agents.body()).isEqualTo(history("?atEvent=" + edit));

        Api otherAgent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "someone-else");
        assertThat(otherAgent.get(live("/history")).status()).isEqualTo(404);
        assertThat(otherAgent.get(live("/history?atEvent=0")).status()).isEqualTo(404);
        assertThat(human("alice").get(admin("/history")).status()).isEqualTo(403);
        assertThat(owner.get("/v1/admin/sessions/" + UUID.randomUUID() + "/history")
                        .status())
                .isEqualTo(404);
        assertThat(owner.get("/v1/admin/sessions/not-a-session/history").status())
                .isEqualTo(404);

        UUID otherSpace = UUID.randomUUID();
        Backends otherOwner =
                Backends.signedAs(system, Principal.agent(otherSpace, UUID.randomUUID(), "default", "bootstrap"));
        for (String route : List.of("/history", "/events", "/authority?userId=alice")) {
            Answer answer = otherOwner.querySide().get(admin(route));
            assertThat(answer.status()).as("%s answered %s", route, answer).isEqualTo(404);
        }
    }

    @Test
    void authority_names_the_role_whether_they_could_answer_and_the_events_that_decided_it() throws Exception {
        JsonNode aliceAdded =
                authority("alice", event("ParticipantAdded").get("at").asText());
        assertThat(aliceAdded.get("participant").asBoolean()).isTrue();
        assertThat(aliceAdded.get("role").asText()).isEqualTo("member");
        assertThat(aliceAdded.get("sessionStatus").asText()).isEqualTo("Active");
        assertThat(aliceAdded.get("mayAnswer").asBoolean()).isTrue();
        assertThat(decidedBy(aliceAdded))
                .containsExactly("0:SessionOpened", revision("ParticipantAdded") + ":ParticipantAdded");

        JsonNode bobAsViewer = authority("bob", event("MessageEdited").get("at").asText());
        assertThat(bobAsViewer.get("role").asText()).isEqualTo("viewer");
        assertThat(bobAsViewer.get("mayAnswer").asBoolean()).isFalse();
        assertThat(bobAsViewer.get("reason").asText()).contains("viewer");

        JsonNode bobAsMember =
                authority("bob", event("ParticipantRoleChanged").get("at").asText());
        assertThat(bobAsMember.get("role").asText()).isEqualTo("member");
        assertThat(bobAsMember.get("mayAnswer").asBoolean()).isTrue();
        assertThat(decidedBy(bobAsMember))
                .containsExactly("0:SessionOpened", revision("ParticipantRoleChanged") + ":ParticipantRoleChanged");

        JsonNode aliceRemoved =
                authority("alice", event("ParticipantRemoved").get("at").asText());
        assertThat(aliceRemoved.get("participant").asBoolean()).isFalse();
        assertThat(aliceRemoved.get("role").isNull()).isTrue();
        assertThat(aliceRemoved.get("mayAnswer").asBoolean()).isFalse();
        assertThat(decidedBy(aliceRemoved))
                .containsExactly("0:SessionOpened", revision("ParticipantRemoved") + ":ParticipantRemoved");

        JsonNode bobAfterClose =
                authority("bob", event("SessionClosed").get("at").asText());
        assertThat(bobAfterClose.get("participant").asBoolean()).isTrue();
        assertThat(bobAfterClose.get("sessionStatus").asText()).isEqualTo("Closed");
        assertThat(bobAfterClose.get("mayAnswer").asBoolean()).isFalse();
        assertThat(decidedBy(bobAfterClose))
                .containsExactly(
                        revision("ParticipantRoleChanged") + ":ParticipantRoleChanged",
                        revision("SessionClosed") + ":SessionClosed");

        JsonNode stranger =
                owner.get(admin("/authority?userId=carol")).expect(200).body();
        assertThat(stranger.get("participant").asBoolean()).isFalse();
        assertThat(stranger.get("mayAnswer").asBoolean()).isFalse();
        assertThat(decidedBy(stranger)).containsExactly(revision("SessionClosed") + ":SessionClosed");
    }

    @Test
    void an_unreadable_event_is_shown_as_such_and_the_events_after_it_still_fold() throws Exception {
        String other = owner.openSession();
        owner.sendMessage(other, envelope());
        appendUnknownEventThenClose(other);

        JsonNode history = owner.get("/v1/admin/sessions/" + other + "/history")
                .expect(200)
                .body();
        assertThat(history.get("unreadableEvents")).hasSize(1);
        JsonNode unreadable = history.get("unreadableEvents").get(0);
        assertThat(unreadable.get("revision").asLong()).isEqualTo(2);
        assertThat(unreadable.get("type").asText()).isEqualTo("SessionRebranded");
        assertThat(unreadable.get("readable").asBoolean()).isFalse();
        assertThat(history.get("position").get("revision").asLong()).isEqualTo(3);
        assertThat(history.get("session").get("status").asText()).isEqualTo("Closed");

        JsonNode listed =
                owner.get("/v1/admin/sessions/" + other + "/events").expect(200).data();
        assertThat(listed.get(2).get("type").asText()).isEqualTo("SessionRebranded");
        assertThat(listed.get(2).get("readable").asBoolean()).isFalse();
        assertThat(listed.get(2).get("actor").get("kind").asText()).isEqualTo("agent");
    }

    /** Each revision folded from a checkpoint answers exactly what it answers folded from the first event. */
    @Test
    void a_fold_resumed_from_a_checkpoint_answers_as_one_from_the_first_event() throws Exception {
        SessionHistory history = querySide().getBean(SessionHistory.class);
        long last =
                history(latestHistoryQuery()).get("position").get("revision").asLong();
        assertThat(last).isGreaterThan(2L * CHECKPOINT_EVERY);
        List<JsonNode> fromTheStart = new ArrayList<>();
        for (long revision = 0; revision <= last; revision++) {
            // Nothing kept: the fold starts at the first event (keeping checkpoints up to the revision).
            history.forget(UUID.fromString(session));
            fromTheStart.add(history("?atEvent=" + revision));
        }
        history.forget(UUID.fromString(session));
        history("?atEvent=" + last);
        for (long revision = last - 1; revision >= 0; revision--) {
            assertThat(history("?atEvent=" + revision))
                    .as("revision %d", revision)
                    .isEqualTo(fromTheStart.get((int) revision));
        }
    }

    /** One implementation: the fold of the whole stream equals the live views, document by document. */
    @Test
    void the_fold_of_the_whole_stream_equals_the_live_views_document_by_document() throws Exception {
        ApplicationContext querySide = querySide();
        MongoDatabase liveViews = querySide.getBean(MongoDatabase.class);
        SessionHistory history = querySide.getBean(SessionHistory.class);
        // Checkpoints kept up to the end: the fold below resumes from the last one.
        history(latestHistoryQuery());
        Map<String, Bson> ofSession = Map.of(
                "sessions", Filters.eq("_id", session),
                "timeline", Filters.eq("sessionId", session),
                "participants", Filters.eq("sessionId", session),
                "guest_tokens", Filters.eq("sessionId", session));
        forTheViews().untilAsserted(() -> {
            Map<String, List<Document>> folded = history.fold(
                            UUID.fromString(session), views -> documents(views, ofSession))
                    .orElseThrow();
            Map<String, List<Document>> live = documents(liveViews, ofSession);
            ofSession.keySet().forEach(collection -> assertThat(folded.get(collection))
                    .as(collection)
                    .isNotEmpty()
                    .containsExactlyElementsOf(live.get(collection)));
        });
    }

    private static Map<String, List<Document>> documents(MongoDatabase database, Map<String, Bson> ofSession) {
        Map<String, List<Document>> documents = new java.util.HashMap<>();
        ofSession.forEach((collection, filter) -> documents.put(
                collection,
                database.getCollection(collection)
                        .find(filter)
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>())));
        return documents;
    }

    /** An event of a type this version cannot decode, then a close through the engine (no command loads it). */
    private static void appendUnknownEventThenClose(String sessionId) throws Exception {
        String stream = "session-" + sessionId;
        EventStoreDBClient client = EventStoreDBClient.create(
                EventStoreDBConnectionString.parseOrThrow(system.eventStoreConnectionString()));
        try {
            List<RecordedEvent> recorded = EventLog.stream(system, stream);
            RecordedEvent last = recorded.get(recorded.size() - 1);
            EventData unknown = EventDataBuilder.binary(
                            UUID.randomUUID(), "SessionRebranded", "{}".getBytes(StandardCharsets.UTF_8))
                    .metadataAsBytes(last.getUserMetadata())
                    .build();
            client.appendToStream(
                            stream,
                            AppendToStreamOptions.get()
                                    .expectedRevision(ExpectedRevision.expectedRevision(last.getRevision())),
                            unknown)
                    .get(10, TimeUnit.SECONDS);
            system.backendContexts()
                    .get(0)
                    .getBean(EventStoreDbStorageEngine.class)
                    .appendEvents(List.of(new GenericDomainEventMessage<>(
                            "Session",
                            sessionId,
                            last.getRevision() + 2,
                            new SessionClosed(UUID.fromString(sessionId)),
                            EventContext.system(system.secrets().spaceId(), "history-test"))));
        } finally {
            client.shutdown();
        }
    }

    private static ApplicationContext querySide() {
        return system.backendContexts().stream()
                .filter(context -> context.getBeanNamesForType(SessionHistory.class).length > 0)
                .findFirst()
                .orElseThrow();
    }

    /** The whole stream, by revision (judged at its last event, so that two answers compare equal). */
    private static String latestHistoryQuery() throws Exception {
        JsonNode listed = owner.get(admin("/events?pageSize=100")).expect(200).body();
        return "?atEvent=" + (listed.get("total").asLong() - 1);
    }

    private static JsonNode history(String query) throws Exception {
        return owner.get(admin("/history" + query)).expect(200).body();
    }

    private static JsonNode authority(String userId, String at) throws Exception {
        return owner.get(admin("/authority?userId=" + userId + "&at=" + at))
                .expect(200)
                .body();
    }

    private static List<String> roles(JsonNode history) {
        List<String> roles = new ArrayList<>();
        history.get("participants")
                .forEach(participant -> roles.add(participant.get("userId").asText() + ":"
                        + participant.get("role").asText()));
        return roles;
    }

    private static List<String> decidedBy(JsonNode authority) {
        List<String> deciding = new ArrayList<>();
        authority
                .get("decidedBy")
                .forEach(event -> deciding.add(
                        event.get("revision").asLong() + ":" + event.get("type").asText()));
        return deciding;
    }

    /** The first event of this type in the session's list. */
    private static JsonNode event(String type) {
        return events.stream()
                .filter(event -> event.get("type").asText().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + type + " in " + events));
    }

    private static long revision(String type) {
        return event(type).get("revision").asLong();
    }

    private static String admin(String route) {
        return "/v1/admin/sessions/" + session + route;
    }

    private static String live(String route) {
        return "/v1/agent/sessions/" + session + route;
    }

    private static Api human(String user) {
        return Api.gateway(system).withToken(tokens.computeIfAbsent(user, system::mintHumanToken));
    }
}
