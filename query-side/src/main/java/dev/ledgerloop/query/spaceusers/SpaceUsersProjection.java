package dev.ledgerloop.query.spaceusers;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.events.ActorKind;
import dev.ledgerloop.events.human.HumanAvailabilitySet;
import dev.ledgerloop.events.human.HumanPublicKeyRegistered;
import dev.ledgerloop.events.session.GuestTokenRedeemed;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The {@code space_users} view (docs/api.md §Space users): every human the log shows in a space, one document per
 * (space, user id): made a participant of one of its sessions (with every role they were given), or who registered
 * keys or set an availability; with when they first appeared and when they last did something (sent, answered,
 * joined, registered keys, set availability). Its writes are idempotent by nature ({@code $addToSet}, {@code $min},
 * {@code $max}); the availability a human set is the {@code user_availability} document of their aggregate, guarded
 * by its sequence.
 */
@Component
@ProcessingGroup(SpaceUsersProjection.GROUP)
class SpaceUsersProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "space_users";
    static final String USERS = "space_users";
    static final String AVAILABILITY = "user_availability";

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> availability;

    SpaceUsersProjection(MongoDatabase database) {
        this.users = database.getCollection(USERS);
        this.availability = database.getCollection(AVAILABILITY);
        users.createIndex(Indexes.ascending("spaceId", "firstSeenAt"));
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(USERS, AVAILABILITY);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new SpaceUsersProjection(database);
    }

    static String id(UUID spaceId, String userId) {
        return spaceId + "|" + userId;
    }

    @EventHandler
    void on(ParticipantAdded event, MetaData metaData, @Timestamp Instant at) {
        List<Bson> changes =
                new ArrayList<>(List.of(Updates.addToSet("roles", event.role().name())));
        if (event.name() != null) {
            changes.add(Updates.set("name", event.name()));
        }
        seen(EventContext.spaceId(metaData), event.userId(), at, false, changes);
    }

    @EventHandler
    void on(ParticipantRoleChanged event, MetaData metaData, @Timestamp Instant at) {
        seen(
                EventContext.spaceId(metaData),
                event.userId(),
                at,
                false,
                List.of(Updates.addToSet("roles", event.role().name())));
    }

    @EventHandler
    void on(GuestTokenRedeemed event, MetaData metaData, @Timestamp Instant at) {
        seen(EventContext.spaceId(metaData), event.userId(), at, true, List.of());
    }

    @EventHandler
    void on(ResponseSubmitted event, MetaData metaData, @Timestamp Instant at) {
        seen(EventContext.spaceId(metaData), event.userId(), at, true, List.of());
    }

    @EventHandler
    void on(MessageSent event, MetaData metaData, @Timestamp Instant at) {
        if (ActorKind.human.name().equals(metaData.get(EventContext.ACTOR_KIND))) {
            seen(EventContext.spaceId(metaData), (String) metaData.get(EventContext.ACTOR_ID), at, true, List.of());
        }
    }

    @EventHandler
    void on(HumanPublicKeyRegistered event, MetaData metaData, @Timestamp Instant at) {
        seen(
                EventContext.spaceId(metaData),
                event.userId(),
                at,
                true,
                List.of(Updates.max("keysRegisteredAt", Views.date(at))));
    }

    @EventHandler
    void on(HumanAvailabilitySet event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        UUID spaceId = EventContext.spaceId(metaData);
        seen(spaceId, event.userId(), at, true, List.of());
        GuardedWrites.updateGuarded(
                availability,
                id(spaceId, event.userId()),
                sequence,
                Updates.combine(
                        Updates.set("status", event.status()),
                        Updates.set("until", event.until() == null ? null : Views.date(event.until())),
                        Updates.set("setAt", Views.date(at))),
                true);
    }

    /** The user appears (at the earliest) at {@code at}; {@code active}: something they did themselves. */
    private void seen(UUID spaceId, String userId, Instant at, boolean active, List<Bson> more) {
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.set("spaceId", spaceId.toString()),
                Updates.set("userId", userId),
                Updates.min("firstSeenAt", Views.date(at))));
        if (active) {
            changes.add(Updates.max("lastActivityAt", Views.date(at)));
        }
        changes.addAll(more);
        users.updateOne(eq("_id", id(spaceId, userId)), Updates.combine(changes), new UpdateOptions().upsert(true));
    }
}
