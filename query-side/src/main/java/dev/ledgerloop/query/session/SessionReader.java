package dev.ledgerloop.query.session;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code sessions} view for an agent. A session belongs to the agent that opened it in its space; for
 * anyone else it does not exist (404), which other views' readers rely on too.
 */
@Component
public class SessionReader {
    private final MongoCollection<Document> sessions;

    SessionReader(MongoDatabase database) {
        this.sessions = database.getCollection(SessionsProjection.COLLECTION);
    }

    /** A reader of the {@code sessions} view built on another database, such as a history fold's. */
    public static SessionReader on(MongoDatabase database) {
        return new SessionReader(database);
    }

    /** The session whoever asks; the caller checked their right to it. */
    public Optional<SessionView> find(UUID sessionId) {
        return Optional.ofNullable(
                        sessions.find(eq("_id", sessionId.toString())).first())
                .map(SessionView::of);
    }

    /** @throws ApiException 404 when the agent has no such session (yet: the view may still be catching up) */
    public SessionView get(Principal principal, UUID sessionId) {
        Document found = sessions.find(and(eq("_id", sessionId.toString()), ownedBy(principal)))
                .first();
        if (found == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Session " + sessionId + " not found");
        }
        return SessionView.of(found);
    }

    /**
     * The agent's session opened as a legacy interaction (docs/api.md §Legacy interactions).
     *
     * @throws ApiException 404 when the agent has no such interaction (yet)
     */
    public SessionView getInteraction(Principal principal, UUID interactionId) {
        Document found = sessions.find(and(eq("_id", interactionId.toString()), ownedBy(principal), isInteraction()))
                .first();
        if (found == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Interaction " + interactionId + " not found");
        }
        return SessionView.of(found);
    }

    /** The agent's legacy interactions, newest first, archived ones too. */
    public Page<SessionView> listInteractions(Principal principal, PageRequest page) {
        return page(and(ownedBy(principal), isInteraction()), page);
    }

    Page<SessionView> list(Principal principal, String status, Boolean isPublic, PageRequest page) {
        List<Bson> conditions = new ArrayList<>(List.of(ownedBy(principal)));
        // Archiving takes a session out of the list (docs/api.md §Sessions) unless archived ones are asked for.
        conditions.add(status != null ? eq("status", status) : ne("status", "Archived"));
        if (isPublic != null) {
            conditions.add(eq("isPublic", isPublic));
        }
        return page(and(conditions), page);
    }

    private Page<SessionView> page(Bson filter, PageRequest page) {
        List<SessionView> data = new ArrayList<>();
        sessions.find(filter)
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                .skip(page.skip())
                .limit(page.pageSize())
                .forEach(document -> data.add(SessionView.of(document)));
        return new Page<>(data, sessions.countDocuments(filter), page.page(), page.pageSize());
    }

    private static Bson isInteraction() {
        return ne(SessionView.INTERACTION_TYPE, null);
    }

    private static Bson ownedBy(Principal principal) {
        if (!principal.isAgent()) {
            // Only agents own sessions: a human whose user id happens to be an agent's id owns none of its sessions.
            return in("_id", List.of());
        }
        return and(eq("spaceId", principal.spaceId().toString()), eq("agentId", principal.subjectId()));
    }
}
