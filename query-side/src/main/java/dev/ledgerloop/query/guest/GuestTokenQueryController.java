package dev.ledgerloop.query.guest;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.session.SessionReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A session's guest tokens, for its agent; the tokens themselves were shown once, at creation. */
@RestController
class GuestTokenQueryController {
    private final SessionReader sessions;
    private final MongoCollection<Document> tokens;

    GuestTokenQueryController(SessionReader sessions, MongoDatabase database) {
        this.sessions = sessions;
        this.tokens = database.getCollection(GuestTokensProjection.COLLECTION);
    }

    record GuestToken(
            String id,
            String sessionId,
            Integer maxUses,
            int uses,
            Instant expiresAt,
            boolean revoked,
            Instant createdAt) {}

    @GetMapping("/v1/agent/sessions/{sessionId}/guest-tokens")
    Page<GuestToken> list(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        sessions.get(principal, sessionId);
        PageRequest request = PageRequest.of(page, pageSize);
        List<GuestToken> data = new ArrayList<>();
        tokens.find(eq("sessionId", sessionId.toString()))
                .sort(Sorts.ascending("createdAt", "_id"))
                .skip(request.skip())
                .limit(request.pageSize())
                .forEach(document -> data.add(new GuestToken(
                        document.getString("_id"),
                        document.getString("sessionId"),
                        document.getInteger("maxUses"),
                        document.getInteger("uses", 0),
                        Views.instant(document.get("expiresAt")),
                        document.getBoolean("revoked", false),
                        Views.instant(document.get("createdAt")))));
        return new Page<>(
                data, tokens.countDocuments(eq("sessionId", sessionId.toString())), request.page(), request.pageSize());
    }
}
