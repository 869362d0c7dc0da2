package dev.ledgerloop.standalone.log;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous verification of the log, seen where an operator looks: the command side's health shows how far each
 * space's log was recomputed and verified; an event forged into a stream by someone with database access (one that
 * does not link to the event before it) turns the health down, names the event, and is recorded as LogAuditFailed.
 */
class LogAuditEndToEndTest {
    @TempDir
    Path data;

    @Test
    void the_health_shows_what_was_verified_and_a_forged_event_is_caught() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
            String space = system.secrets().spaceId().toString();
            String session = owner.openSession();
            owner.sendMessage(session, envelope());
            Api commandSide = Api.at(system.commandSideUri());

            patiently().untilAsserted(() -> {
                JsonNode audit = commandSide.get("/actuator/health").body().at("/components/logAudit");
                assertThat(audit.path("status").asText()).isEqualTo("UP");
                assertThat(audit.at("/details/verifiedSize/" + space).asLong())
                        .isGreaterThanOrEqualTo(
                                EventLog.stream(system, "session-" + session).size());
            });

            List<RecordedEvent> stored = EventLog.stream(system, "session-" + session);
            RecordedEvent last = stored.get(stored.size() - 1);
            UUID forged = UUID.randomUUID();
            EventStoreDBClient client = EventStoreDBClient.create(
                    EventStoreDBConnectionString.parseOrThrow(system.eventStoreConnectionString()));
            try {
                // A copy of the last event under a new id: its own hash holds, its link to the event before does not.
                client.appendToStream(
                                "session-" + session,
                                AppendToStreamOptions.get()
                                        .expectedRevision(ExpectedRevision.expectedRevision(last.getRevision())),
                                EventData.builderAsBinary(forged, last.getEventType(), last.getEventData())
                                        .metadataAsBytes(last.getUserMetadata())
                                        .build())
                        .get(10, TimeUnit.SECONDS);
            } finally {
                client.shutdown();
            }

            patiently().untilAsserted(() -> {
                JsonNode audit = commandSide.get("/actuator/health").body().at("/components/logAudit");
                assertThat(audit.path("status").asText()).isEqualTo("DOWN");
                assertThat(audit.at("/details/failures/0/check").asText()).isEqualTo("chain");
                assertThat(audit.at("/details/failures/0/eventId").asText()).isEqualTo(forged.toString());
            });
            patiently().untilAsserted(() -> assertThat(EventLog.stream(system, "log-" + space))
                    .extracting(RecordedEvent::getEventType)
                    .contains("LogAuditFailed"));
            assertThat(Json.read(commandSide.get("/actuator/health").text())
                            .path("status")
                            .asText())
                    .isEqualTo("DOWN");
        }
    }
}
