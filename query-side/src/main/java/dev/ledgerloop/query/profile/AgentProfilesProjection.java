package dev.ledgerloop.query.profile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.events.agent.AgentProfilePublished;
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

/**
 * The {@code agent_profiles} view (docs/api.md §Public agent profiles): each agent's published profile, the latest of
 * its aggregate, found by agent id or by slug.
 */
@Component
@ProcessingGroup(AgentProfilesProjection.GROUP)
class AgentProfilesProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "agent_profiles";
    static final String COLLECTION = "agent_profiles";

    private final MongoCollection<Document> profiles;

    AgentProfilesProjection(MongoDatabase database) {
        this.profiles = database.getCollection(COLLECTION);
        profiles.createIndex(Indexes.ascending("slug"));
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
        return new AgentProfilesProjection(database);
    }

    @EventHandler
    void on(AgentProfilePublished event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.updateGuarded(
                profiles,
                event.agentId().toString(),
                sequence,
                Updates.combine(
                        Updates.set("spaceId", EventContext.spaceId(metaData).toString()),
                        Updates.set("slug", event.slug()),
                        Updates.set("displayName", event.displayName()),
                        Updates.set("description", event.description()),
                        Updates.set("websiteUrl", event.websiteUrl()),
                        Updates.set("publishedAt", Views.date(at))),
                true);
    }
}
