package dev.ledgerloop.query.guest;

import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.session.GuestTokenCreated;
import dev.ledgerloop.events.session.GuestTokenRedeemed;
import dev.ledgerloop.events.session.GuestTokenRevoked;
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

/** The {@code guest_tokens} view: a session's guest tokens without the tokens themselves, with their use count. */
@Component
@ProcessingGroup(GuestTokensProjection.GROUP)
class GuestTokensProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "guest_tokens";
    static final String COLLECTION = "guest_tokens";

    private final MongoCollection<Document> tokens;

    GuestTokensProjection(MongoDatabase database) {
        this.tokens = database.getCollection(COLLECTION);
        tokens.createIndex(Indexes.ascending("sessionId"));
        tokens.createIndex(Indexes.ascending("tokenHash"));
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
        return new GuestTokensProjection(database);
    }

    @EventHandler
    void on(GuestTokenCreated event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                tokens,
                new Document("_id", event.tokenId().toString())
                        .append("sessionId", event.sessionId().toString())
                        .append("tokenHash", event.tokenHash())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("maxUses", event.maxUses())
                        .append("uses", 0)
                        .append("expiresAt", Views.date(event.expiresAt()))
                        .append("revoked", false)
                        .append("createdAt", Views.date(at))
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(GuestTokenRevoked event, @SequenceNumber long sequence) {
        GuardedWrites.updateGuarded(tokens, event.tokenId().toString(), sequence, set("revoked", true), false);
    }

    @EventHandler
    void on(GuestTokenRedeemed event, @SequenceNumber long sequence) {
        GuardedWrites.updateGuarded(tokens, event.tokenId().toString(), sequence, inc("uses", 1), false);
    }

    /** The session was shredded: what it held here came from its encrypted events, so it goes (docs/api.md). */
    @Override
    protected void erase(UUID sessionId) {
        tokens.deleteMany(new Document("sessionId", sessionId.toString()));
    }
}
