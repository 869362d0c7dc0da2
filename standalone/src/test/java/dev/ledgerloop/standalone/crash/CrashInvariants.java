package dev.ledgerloop.standalone.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Json;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import dev.ledgerloop.standalone.webhook.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What must hold after a restart for everything the {@link Ledger} says was acknowledged: it is in the log and the
 * views, once; every session's hash chain verifies; every webhook event was delivered, always under one {@code
 * webhook-id}, correctly signed; every deadline that passed expired its question.
 */
final class CrashInvariants {
    /** Views, deliveries and deadlines catch up after a restart; on a loaded CI machine that takes a while. */
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    private final Api owner;
    private final String eventStore;
    private final WebhookReceiver receiver;
    private final String secret;

    CrashInvariants(Api owner, String eventStore, WebhookReceiver receiver, String secret) {
        this.owner = owner;
        this.eventStore = eventStore;
        this.receiver = receiver;
        this.secret = secret;
    }

    void check(Ledger ledger, String webhookPath) throws Exception {
        noEventIdTwiceInTheLog();
        for (Ledger.Session session : ledger.sessions()) {
            acknowledgedWritesAreInTheLog(session);
            chainVerifies(session);
        }
        await().atMost(CONVERGE).untilAsserted(() -> {
            for (Ledger.Session session : ledger.sessions()) {
                viewsShowTheAcknowledgedWrites(session);
            }
        });
        for (Ledger.Session session : ledger.sessions()) {
            deadlinesHeld(session);
        }
        webhooksDeliveredOnceEachUnderOneId(ledger, webhookPath);
        nothingParked();
    }

    /** Every processor could read and handle every event: none was parked (unreadable, or its handler failed). */
    private void nothingParked() throws Exception {
        assertThat(owner.get("/v1/admin/parked-events?limit=100").expect(200).data())
                .as("parked events")
                .isEmpty();
    }

    private void noEventIdTwiceInTheLog() throws Exception {
        EventStoreDBClient client = EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(eventStore));
        try {
            List<ResolvedEvent> all = client.readAll(
                            ReadAllOptions.get().forwards().fromStart())
                    .get(1, TimeUnit.MINUTES)
                    .getEvents();
            Map<UUID, Long> counts = all.stream()
                    .collect(Collectors.groupingBy(event -> event.getEvent().getEventId(), Collectors.counting()));
            assertThat(counts)
                    .as("event ids in $all (%d events)", all.size())
                    .allSatisfy((id, count) ->
                            assertThat(count).as("copies of event %s", id).isOne());
        } finally {
            client.shutdown();
        }
    }

    /** The session's history is computed from its own events in the log, not from a view. */
    private void acknowledgedWritesAreInTheLog(Ledger.Session session) throws Exception {
        Answer history = owner.get("/v1/admin/sessions/" + session.id + "/history");
        assertThat(history.status())
                .as("history of acknowledged session %s: %s", session.id, history)
                .isEqualTo(200);
        holdsTheAcknowledgedWritesOnce(session, history.body().get("timeline"), "the log");
    }

    private static void holdsTheAcknowledgedWritesOnce(Ledger.Session session, JsonNode items, String where) {
        List<String> ids = Json.ids(items);
        assertThat(ids).as("items of session %s in %s", session.id, where).doesNotHaveDuplicates();
        assertThat(ids)
                .as("acknowledged messages and responses of session %s in %s", session.id, where)
                .containsAll(session.messages)
                .containsAll(session.responses);
    }

    private void chainVerifies(Ledger.Session session) throws Exception {
        Answer verified = owner.get("/v1/admin/sessions/" + session.id + "/verify");
        assertThat(verified.status()).as("verify %s: %s", session.id, verified).isEqualTo(200);
        assertThat(verified.body().get("ok").asBoolean())
                .as("chain of session %s: %s", session.id, verified.text())
                .isTrue();
    }

    private void viewsShowTheAcknowledgedWrites(Ledger.Session session) throws Exception {
        holdsTheAcknowledgedWritesOnce(session, timeline(session), "the timeline");
    }

    private void deadlinesHeld(Ledger.Session session) throws Exception {
        for (Map.Entry<String, Optional<Instant>> question : session.questions.entrySet()) {
            String id = question.getKey();
            if (question.getValue().isEmpty()) {
                assertThat(session.closed)
                        .as("questions without a deadline the system refused to answer (409)")
                        .doesNotContain(id);
                continue;
            }
            if (session.answered.contains(id)) {
                assertThat(status(session, id))
                        .as("status of answered question %s", id)
                        .isNotEqualTo("Expired");
            } else if (!session.answersInDoubt.contains(id)) {
                Instant deadline = question.getValue().get();
                await().atMost(CONVERGE.plus(
                                Duration.between(Instant.now(), deadline).abs()))
                        .untilAsserted(() -> assertThat(status(session, id))
                                .as("status of question %s, deadline %s, now %s", id, deadline, Instant.now())
                                .isEqualTo("Expired"));
            }
        }
    }

    private void webhooksDeliveredOnceEachUnderOneId(Ledger ledger, String path) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Ledger.Session session : ledger.sessions()) {
            expected.add("session.created " + session.id);
            session.messages.forEach(message -> expected.add("session.message.new " + message));
        }
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(
                        deliveriesBySubject(receiver.received(path)).keySet())
                .as("webhook events delivered")
                .containsAll(expected));

        List<WebhookReceiver.Received> received = new ArrayList<>(receiver.received(path));
        for (WebhookReceiver.Received delivery : received) {
            assertThat(Webhooks.signedWith(secret, delivery))
                    .as("Standard Webhooks signature of delivery %s", delivery.header("webhook-id"))
                    .isTrue();
            assertThat(Json.read(delivery.body()).get("id").asText())
                    .as("body id of a delivery")
                    .isEqualTo(delivery.header("webhook-id"));
        }
        assertThat(deliveriesBySubject(received))
                .as("webhook-ids per event (a redelivery keeps its id, an event gets one delivery)")
                .allSatisfy((subject, ids) -> assertThat(ids).as(subject).hasSize(1));
    }

    /** The one thing a delivery is about: a response, a message, an invocation or else the session. */
    private static String subjectOf(JsonNode data) {
        for (String pointer : List.of("/response/id", "/message/id", "/messageId", "/invocationId", "/sessionId")) {
            if (data.at(pointer).isTextual()) {
                return data.at(pointer).asText();
            }
        }
        return data.toString();
    }

    /** {@code "<type> <what it is about>"} to the {@code webhook-id}s it came with. */
    private static Map<String, Set<String>> deliveriesBySubject(List<WebhookReceiver.Received> received) {
        Map<String, Set<String>> bySubject = new HashMap<>();
        for (WebhookReceiver.Received delivery : received) {
            JsonNode body = Json.read(delivery.body());
            String type = body.get("type").asText();
            JsonNode data = body.get("data");
            String subject = subjectOf(data);
            bySubject
                    .computeIfAbsent(type + " " + subject, any -> new HashSet<>())
                    .add(delivery.header("webhook-id"));
        }
        return bySubject;
    }

    private String status(Ledger.Session session, String messageId) throws Exception {
        return Json.item(timeline(session), messageId).get("status").asText();
    }

    /** Every item of the session's timeline, page by page. */
    private JsonNode timeline(Ledger.Session session) throws Exception {
        var items = Json.MAPPER.createArrayNode();
        for (int page = 1; ; page++) {
            JsonNode body = owner.get("/v1/agent/sessions/" + session.id + "/timeline?page=" + page + "&pageSize=100")
                    .expect(200)
                    .body();
            body.get("data").forEach(items::add);
            if (items.size() >= body.get("total").asInt() || body.get("data").isEmpty()) {
                return items;
            }
        }
    }
}
