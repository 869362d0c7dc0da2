package dev.ledgerloop.query.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.agent.AgentRegistered;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The {@code agents} view: one document per registered agent identity, by id, unique by space and name. */
@Component
@ProcessingGroup(AgentsProjection.GROUP)
class AgentsProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "agents";
    public static final String COLLECTION = "agents";

    private final MongoCollection<Document> agents;

    AgentsProjection(MongoDatabase database) {
        this.agents = database.getCollection(COLLECTION);
        agents.createIndex(Indexes.ascending("spaceId", "name"), new IndexOptions().unique(true));
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
        return new AgentsProjection(database);
    }

    @EventHandler
    void on(AgentRegistered event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                agents,
                new Document("_id", event.agentId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("name", event.name())
                        .append("description", event.description())
                        .append("createdAt", Views.date(at))
                        .append(GuardedWrites.VERSION, sequence));
    }
}
