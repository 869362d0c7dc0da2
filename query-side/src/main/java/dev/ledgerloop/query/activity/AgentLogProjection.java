package dev.ledgerloop.query.activity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.events.agentlog.ActivityLogged;
import dev.ledgerloop.events.agentlog.AgentLogContent;
import dev.ledgerloop.events.agentlog.AgentLogEvent;
import dev.ledgerloop.events.agentlog.CommunicationLogged;
import dev.ledgerloop.events.agentlog.TelemetryPushed;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code agent_log} view (docs/api.md §Agent activity log): one document per entry an agent wrote to its log, of
 * kind {@code activity}, {@code comm} or {@code telemetry}. Free-form JSON (details, tags) is kept as JSON text, so
 * an agent's names never become MongoDB field names. The text of an entry that names a session is sealed under the
 * session's key: opened here, and erased ({@code erased: true}) when the session is shredded.
 */
@Component
@ProcessingGroup(AgentLogProjection.GROUP)
class AgentLogProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "agent_log";
    static final String COLLECTION = "agent_log";
    static final String ERASED = "erased";

    private final MongoCollection<Document> entries;
    private final SessionSeals seals;

    AgentLogProjection(MongoDatabase database, SessionSeals seals) {
        this.seals = seals;
        this.entries = database.getCollection(COLLECTION);
        entries.createIndex(Indexes.ascending("spaceId", "kind", "agentId", "createdAt"));
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new AgentLogProjection(database, seals);
    }

    @EventHandler
    void on(ActivityLogged event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        Optional<JsonNode> text = text(event, event.sealedText(), event.sessionId(), metaData);
        JsonNode details = text.map(opened -> opened.get("details")).orElse(event.details());
        insert(
                entry(event, AgentLogEntries.ACTIVITY, metaData, sequence, at)
                        .append("sessionId", text(event.sessionId()))
                        .append("action", event.action())
                        .append(
                                "description",
                                text.map(opened -> textOf(opened, "description"))
                                        .orElse(event.description()))
                        .append("details", details == null || details.isNull() ? null : details.toString()),
                event.sealedText() != null && text.isEmpty());
    }

    @EventHandler
    void on(CommunicationLogged event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        Optional<JsonNode> text = text(event, event.sealedText(), event.sessionId(), metaData);
        insert(
                entry(event, AgentLogEntries.COMM, metaData, sequence, at)
                        .append("sessionId", text(event.sessionId()))
                        .append("channel", event.channel())
                        .append("direction", event.direction())
                        .append(
                                "counterpart",
                                text.map(opened -> textOf(opened, "counterpart"))
                                        .orElse(event.counterpart()))
                        .append(
                                "summary",
                                text.map(opened -> textOf(opened, "summary")).orElse(event.summary())),
                event.sealedText() != null && text.isEmpty());
    }

    @EventHandler
    void on(TelemetryPushed event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        insert(
                entry(event, AgentLogEntries.TELEMETRY, metaData, sequence, at)
                        .append(
                                "metrics",
                                event.metrics().stream()
                                        .map(metric -> new Document("name", metric.name())
                                                .append("value", metric.value())
                                                .append("unit", metric.unit()))
                                        .toList())
                        .append("tags", AgentLogEntries.tagsText(event.tags())),
                false);
    }

    /**
     * The session's entries lose their sealed text, as a rebuild after the shredding writes them (the same fields,
     * null, then {@code erased}).
     */
    @Override
    protected void erase(UUID sessionId) {
        String session = sessionId.toString();
        entries.updateMany(
                and(eq("sessionId", session), eq("kind", AgentLogEntries.ACTIVITY)),
                Updates.combine(
                        Updates.set("description", null), Updates.set("details", null), Updates.set(ERASED, true)));
        entries.updateMany(
                and(eq("sessionId", session), eq("kind", AgentLogEntries.COMM)),
                Updates.combine(
                        Updates.set("counterpart", null), Updates.set("summary", null), Updates.set(ERASED, true)));
    }

    /** Opens the entry's sealed text: empty when there is none, or when the session was shredded. */
    private Optional<JsonNode> text(AgentLogEvent event, SessionSealed sealed, UUID sessionId, MetaData metaData) {
        if (sealed == null) {
            return Optional.empty();
        }
        return AgentLogContent.open(
                seals, EventContext.spaceId(metaData), sessionId, event.agentId(), event.entryId(), sealed);
    }

    private void insert(Document entry, boolean erased) {
        if (erased) {
            entry.append(ERASED, true);
        }
        GuardedWrites.insertOnce(entries, entry);
    }

    private static String textOf(JsonNode text, String field) {
        JsonNode value = text.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Document entry(AgentLogEvent event, String kind, MetaData metaData, long sequence, Instant at) {
        return new Document("_id", event.entryId().toString())
                .append("spaceId", EventContext.spaceId(metaData).toString())
                .append("agentId", event.agentId().toString())
                .append("kind", kind)
                .append("sequence", sequence)
                .append("createdAt", Views.date(at));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
