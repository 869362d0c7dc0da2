package dev.ledgerloop.query.activity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.agentlog.ActivityLogged;
import dev.ledgerloop.events.agentlog.AgentLogEvent;
import dev.ledgerloop.events.agentlog.CommunicationLogged;
import dev.ledgerloop.events.agentlog.TelemetryPushed;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.List;
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
 * an agent's names never become MongoDB field names.
 */
@Component
@ProcessingGroup(AgentLogProjection.GROUP)
class AgentLogProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "agent_log";
    static final String COLLECTION = "agent_log";

    private final MongoCollection<Document> entries;

    AgentLogProjection(MongoDatabase database) {
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
        return new AgentLogProjection(database);
    }

    @EventHandler
    void on(ActivityLogged event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                entries,
                entry(event, AgentLogEntries.ACTIVITY, metaData, sequence, at)
                        .append("sessionId", text(event.sessionId()))
                        .append("action", event.action())
                        .append("description", event.description())
                        .append(
                                "details",
                                event.details() == null ? null : event.details().toString()));
    }

    @EventHandler
    void on(CommunicationLogged event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                entries,
                entry(event, AgentLogEntries.COMM, metaData, sequence, at)
                        .append("sessionId", text(event.sessionId()))
                        .append("channel", event.channel())
                        .append("direction", event.direction())
                        .append("counterpart", event.counterpart())
                        .append("summary", event.summary()));
    }

    @EventHandler
    void on(TelemetryPushed event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                entries,
                entry(event, AgentLogEntries.TELEMETRY, metaData, sequence, at)
                        .append(
                                "metrics",
                                event.metrics().stream()
                                        .map(metric -> new Document("name", metric.name())
                                                .append("value", metric.value())
                                                .append("unit", metric.unit()))
                                        .toList())
                        .append("tags", AgentLogEntries.tagsText(event.tags())));
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
