package dev.ledgerloop.query.participant;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRemoved;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
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
 * The {@code participants} view: one document per (session, user), kept after removal with {@code removed: true}
 * so that a replayed older event cannot bring a removed participant back (updates are sequence-guarded).
 */
@Component
@ProcessingGroup(ParticipantsProjection.GROUP)
class ParticipantsProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "participants";
    static final String COLLECTION = "participants";

    private final MongoCollection<Document> participants;

    ParticipantsProjection(MongoDatabase database) {
        this.participants = database.getCollection(COLLECTION);
        participants.createIndex(Indexes.ascending("userId", "spaceId"));
        participants.createIndex(Indexes.ascending("sessionId"));
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
        return new ParticipantsProjection(database);
    }

    @EventHandler
    void on(ParticipantAdded event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.updateGuarded(
                participants,
                id(event.sessionId(), event.userId()),
                sequence,
                combine(
                        set("sessionId", event.sessionId().toString()),
                        set("spaceId", EventContext.spaceId(metaData).toString()),
                        set("userId", event.userId()),
                        set("role", event.role().name()),
                        set("name", event.name()),
                        set("addedAt", Views.date(at)),
                        set("removed", false)),
                true);
    }

    @EventHandler
    void on(ParticipantRoleChanged event, @SequenceNumber long sequence) {
        GuardedWrites.updateGuarded(
                participants,
                id(event.sessionId(), event.userId()),
                sequence,
                set("role", event.role().name()),
                false);
    }

    @EventHandler
    void on(ParticipantRemoved event, @SequenceNumber long sequence) {
        GuardedWrites.updateGuarded(
                participants, id(event.sessionId(), event.userId()), sequence, set("removed", true), false);
    }

    static String id(UUID sessionId, String userId) {
        return sessionId + ":" + userId;
    }

    /** The session was shredded: what it held here came from its encrypted events, so it goes (docs/api.md). */
    @Override
    protected void erase(UUID sessionId) {
        participants.deleteMany(new Document("sessionId", sessionId.toString()));
    }
}
