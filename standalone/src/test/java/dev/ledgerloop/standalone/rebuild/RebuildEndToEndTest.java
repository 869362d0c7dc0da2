package dev.ledgerloop.standalone.rebuild;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/**
 * Rebuilds of the views through the admin API on a system with real traffic of every event kind (docs/replay.md
 * §Rebuild): the rebuilt views equal the live ones document by document, readers never see a half-built view, and
 * nothing re-fires: no delivery is sent and the log does not grow.
 *
 * <p>The views may hold a single document in memory here, so the rebuild writes its first chunks of events in memory,
 * copies the views into their copies in the views' database once they outgrow that, and writes the rest there: both
 * ways of writing and the copy between them take part in what is compared. (The other rebuilds in the tests, and the
 * default, keep the views in memory up to the end of the log.)
 */
class RebuildEndToEndTest {
    private static final List<String> COMMAND_SIDE =
            List.of("deadlines", "invocation-deadlines", "delivery-schedule", "webhook-dispatcher", "shredding");
    /** The query side's processors that are not views (not rebuildable). */
    private static final List<String> QUERY_SIDE_NOT_VIEWS = List.of("shredding-caches");

    private static final int MEMORY_DOCUMENTS = 1;
    /**
     * The events a rebuild hands to the views at a time; the views' size is weighed after each hand-over. Small, so the
     * log holds more chunks than the reader may run ahead of the views (4): the hand-over that waits for the first
     * chunk then finds the budget outgrown, whatever the threads' timing, and the rest is written to the copies.
     */
    private static final int CHUNK = 32;

    private static final int CHUNKS_AHEAD = 4;

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static WebhookReceiver receiver;
    private static Api owner;
    private static Traffic traffic;

    @BeforeAll
    static void makeTraffic() throws Exception {
        system = Traffic.start(
                data,
                "--ledgerloop.rebuild.memory-documents=" + MEMORY_DOCUMENTS,
                "--ledgerloop.rebuild.chunk-events=" + CHUNK);
        receiver = new WebhookReceiver();
        owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
        traffic = new Traffic(system, receiver, owner);
        traffic.make();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        system.close();
    }

    @Test
    void every_processor_of_both_backends_is_listed_live_with_its_position_and_lag() throws Exception {
        JsonNode listing = caughtUp();

        List<String> names = new ArrayList<>();
        listing.get("data").forEach(processor -> names.add(processor.get("name").asText()));
        assertThat(names)
                .containsAll(viewNames())
                .containsAll(COMMAND_SIDE)
                .containsAll(QUERY_SIDE_NOT_VIEWS)
                .hasSize(viewNames().size() + COMMAND_SIDE.size() + QUERY_SIDE_NOT_VIEWS.size());
        listing.get("data").forEach(processor -> {
            String name = processor.get("name").asText();
            assertThat(processor.get("status").asText()).as(name).isEqualTo("live");
            assertThat(processor.get("parkedEvents").asLong()).as(name).isZero();
            assertThat(processor.get("position").asLong()).as(name).isPositive();
            assertThat(processor.at("/lag/ms").asLong()).as(name).isZero();
            assertThat(processor.get("rebuildable").asBoolean())
                    .as(name)
                    .isEqualTo(viewNames().contains(name));
            assertThat(processor.get("backend").asText())
                    .as(name)
                    .isEqualTo(COMMAND_SIDE.contains(name) ? "command-side" : "query-side");
        });
        assertThat(listing.at("/head/position").asLong()).isPositive();
    }

    @Test
    void a_rebuild_of_all_gives_back_every_view_equal_document_by_document_and_nothing_re_fires() throws Exception {
        caughtUp();
        Map<String, List<Document>> live = snapshot();
        long logLength = EventLog.allTypes(system).size();
        assertThat(logLength)
                .as("events after the chunks handed over before the first is waited for, written to the copies")
                .isGreaterThan(2L * (CHUNKS_AHEAD + 1) * CHUNK);
        ListAppender<ILoggingEvent> rebuildLog = listening("dev.ledgerloop.query.projection.RebuildStore");
        int deliveriesReceived = receivedDeliveries();
        String timeline = "/v1/agent/sessions/" + traffic.session() + "/timeline?pageSize=100";
        JsonNode timelineBefore = owner.get(timeline).expect(200).data();

        Answer started = owner.post("/v1/admin/projections/all/rebuild", "");

        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.body().get("target").asText()).isEqualTo("all");
        assertThat(started.body().get("views")).hasSize(viewNames().size());
        // The live views serve all along: no reader sees a half-built one.
        JsonNode progress;
        do {
            assertThat(owner.get(timeline).expect(200).data()).isEqualTo(timelineBefore);
            progress = owner.get("/v1/admin/projections").expect(200).body().get("rebuild");
        } while (!progress.get("status").asText().matches("succeeded|failed"));
        assertThat(progress.get("status").asText()).as(progress.toString()).isEqualTo("succeeded");
        assertThat(progress.get("eventsDone").asLong())
                .isEqualTo(progress.get("eventsTotal").asLong())
                .isPositive();
        assertThat(owner.get(timeline).expect(200).data()).isEqualTo(timelineBefore);

        caughtUp();
        Map<String, List<Document>> rebuilt = snapshot();
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        assertThat(differences(live, rebuilt)).isEmpty();
        assertThat(EventLog.allTypes(system)).as("Nothing here changes the log").hasSize((int) logLength);
        assertThat(receivedDeliveries()).isEqualTo(deliveriesReceived);
        assertThat(rebuildLog.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.contains("hold more than " + MEMORY_DOCUMENTS + " documents"));
    }

    private static ListAppender<ILoggingEvent> listening(String loggerName) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
        return appender;
    }

    @Test
    void a_rebuild_while_one_runs_answers_409_with_its_progress_and_bad_names_or_callers_are_refused()
            throws Exception {
        assertThat(owner.post("/v1/admin/projections/timeline/rebuild", "")
                        .expect(202)
                        .body()
                        .get("views"))
                .hasSize(1);
        Answer meanwhile = owner.post("/v1/admin/projections/all/rebuild", "");
        if (meanwhile.status() == 409) {
            assertThat(meanwhile.error().get("code").asText()).isEqualTo("CONFLICT");
            assertThat(meanwhile.body().at("/rebuild/target").asText()).isEqualTo("timeline");
            assertThat(meanwhile.body().at("/rebuild/eventsDone").isNumber()).isTrue();
        } else {
            // The timeline's rebuild was done already; then this one runs and the next one meets it.
            assertThat(meanwhile.status()).as(meanwhile.text()).isEqualTo(202);
            Answer next = owner.post("/v1/admin/projections/timeline/rebuild", "");
            assertThat(next.status()).as(next.text()).isEqualTo(409);
            assertThat(next.body().at("/rebuild/target").asText()).isEqualTo("all");
        }
        patiently().until(() -> owner.get("/v1/admin/projections")
                .body()
                .at("/rebuild/status")
                .asText()
                .matches("succeeded|failed"));

        Answer unknown = owner.post("/v1/admin/projections/nonsense/rebuild", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().get("code").asText()).isEqualTo("NOT_FOUND");
        Answer notACommandSideOne = owner.post("/v1/admin/projections/webhook-dispatcher/rebuild", "");
        assertThat(notACommandSideOne.status()).isEqualTo(404);
        Api human = Api.gateway(system).withToken(system.mintHumanToken("alice"));
        assertThat(human.get("/v1/admin/projections").status()).isEqualTo(403);
        assertThat(human.post("/v1/admin/projections/all/rebuild", "").status()).isEqualTo(403);
    }

    /** The listing once every processor has handled the whole log. */
    private static JsonNode caughtUp() {
        JsonNode[] listing = new JsonNode[1];
        patiently().untilAsserted(() -> {
            listing[0] = owner.get("/v1/admin/projections").expect(200).body();
            JsonNode rebuild = listing[0].get("rebuild");
            assertThat(rebuild == null
                            || rebuild.isNull()
                            || rebuild.get("status").asText().matches("succeeded|failed"))
                    .isTrue();
            listing[0].get("data").forEach(processor -> assertThat(
                            processor.at("/lag/events").asLong())
                    .as(processor.toString())
                    .isZero());
        });
        return listing[0];
    }

    private static ApplicationContext querySide() {
        return system.backendContexts().get(1);
    }

    private static TreeSet<String> viewNames() {
        TreeSet<String> names = new TreeSet<>();
        querySide().getBeansOfType(Projection.class).values().forEach(view -> names.add(view.name()));
        return names;
    }

    /** Every document of every view collection, ordered by id. */
    private static Map<String, List<Document>> snapshot() {
        MongoDatabase database = querySide().getBean(MongoDatabase.class);
        Map<String, List<Document>> snapshot = new TreeMap<>();
        querySide().getBeansOfType(Projection.class).values().stream()
                .flatMap(view -> view.collections().stream())
                .forEach(collection -> snapshot.put(
                        collection,
                        database.getCollection(collection)
                                .find()
                                .sort(Sorts.ascending("_id"))
                                .into(new ArrayList<>())));
        return snapshot;
    }

    /** Each document that is not the same, as extended JSON (field order counts), with its collection. */
    private static List<String> differences(Map<String, List<Document>> live, Map<String, List<Document>> rebuilt) {
        List<String> differences = new ArrayList<>();
        live.forEach((collection, documents) -> {
            List<Document> copies = rebuilt.get(collection);
            if (copies.size() != documents.size()) {
                differences.add(
                        collection + ": " + documents.size() + " live documents, " + copies.size() + " rebuilt");
            }
            for (int i = 0; i < Math.min(documents.size(), copies.size()); i++) {
                String before = documents.get(i).toJson();
                String after = copies.get(i).toJson();
                if (!before.equals(after)) {
                    differences.add(collection + ":\n  live    " + before + "\n  rebuilt " + after);
                }
            }
        });
        return differences;
    }

    private static int receivedDeliveries() {
        return receiver.received("/ok").size()
                + receiver.received("/flaky").size()
                + receiver.received("/broken").size();
    }
}
