package dev.ledgerloop.query.guest;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads the {@code guest_tokens} view: a session's guest tokens without the tokens themselves. */
@Component
public class GuestTokenReader {
    private final MongoCollection<Document> tokens;

    GuestTokenReader(MongoDatabase database) {
        this.tokens = database.getCollection(GuestTokensProjection.COLLECTION);
    }

    /** A reader of the {@code guest_tokens} view built on another database, such as a history fold's. */
    public static GuestTokenReader on(MongoDatabase database) {
        return new GuestTokenReader(database);
    }

    /** docs/api.md's guest token as listed; the token itself was shown once, at creation. */
    public record GuestToken(
            String id,
            String sessionId,
            Integer maxUses,
            int uses,
            Instant expiresAt,
            boolean revoked,
            Instant createdAt) {

        /** Whether it still admitted someone at {@code at}, by the rules the session applies when it is redeemed. */
        public boolean validAt(Instant at) {
            return !revoked && (maxUses == null || uses < maxUses) && (expiresAt == null || at.isBefore(expiresAt));
        }
    }

    Page<GuestToken> list(UUID sessionId, PageRequest page) {
        List<GuestToken> data = new ArrayList<>();
        ofSession(sessionId).skip(page.skip()).limit(page.pageSize()).forEach(document -> data.add(token(document)));
        return new Page<>(
                data, tokens.countDocuments(eq("sessionId", sessionId.toString())), page.page(), page.pageSize());
    }

    /** The session's guest token whose SHA-256 is {@code tokenHash}, in that space. */
    Optional<GuestToken> byHash(UUID spaceId, UUID sessionId, String tokenHash) {
        return Optional.ofNullable(tokens.find(and(
                                eq("tokenHash", tokenHash),
                                eq("sessionId", sessionId.toString()),
                                eq("spaceId", spaceId.toString())))
                        .first())
                .map(GuestTokenReader::token);
    }

    /** Every guest token of the session, in the order of the list. */
    public List<GuestToken> all(UUID sessionId) {
        List<GuestToken> data = new ArrayList<>();
        ofSession(sessionId).forEach(document -> data.add(token(document)));
        return data;
    }

    private FindIterable<Document> ofSession(UUID sessionId) {
        return tokens.find(eq("sessionId", sessionId.toString())).sort(Sorts.ascending("createdAt", "_id"));
    }

    private static GuestToken token(Document document) {
        return new GuestToken(
                document.getString("_id"),
                document.getString("sessionId"),
                document.getInteger("maxUses"),
                document.getInteger("uses", 0),
                Views.instant(document.get("expiresAt")),
                document.getBoolean("revoked", false),
                Views.instant(document.get("createdAt")));
    }
}
