package dev.ledgerloop.query.participant;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads the {@code participants} view: who takes part in a session, and what a human takes part in. */
@Component
public class ParticipantReader {

    private final MongoCollection<Document> participants;

    ParticipantReader(MongoDatabase database) {
        this.participants = database.getCollection(ParticipantsProjection.COLLECTION);
    }

    /** A reader of the {@code participants} view built on another database, such as a history fold's. */
    public static ParticipantReader on(MongoDatabase database) {
        return new ParticipantReader(database);
    }

    /** docs/api.md's participant: the user id and role; names come from the identity provider, unknown here. */
    public record Participant(String userId, String role, String name, Instant addedAt) {}

    /** The sessions the human takes part in now, in their own space. */
    public java.util.Set<UUID> sessionsOf(Principal principal) {
        java.util.Set<UUID> sessions = new java.util.HashSet<>();
        participants
                .find(and(
                        eq("userId", principal.subjectId()),
                        eq("spaceId", principal.spaceId().toString()),
                        eq("removed", false)))
                .forEach(document -> sessions.add(UUID.fromString(document.getString("sessionId"))));
        return sessions;
    }

    /** @throws ApiException 404 unless the human takes part in the session, in their own space */
    public void requireParticipant(Principal principal, UUID sessionId) {
        if (principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        Document found = participants
                .find(and(
                        eq("_id", ParticipantsProjection.id(sessionId, principal.subjectId())),
                        eq("spaceId", principal.spaceId().toString()),
                        eq("removed", false)))
                .first();
        if (found == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Session " + sessionId + " not found");
        }
    }

    public Page<Participant> list(UUID sessionId, PageRequest page) {
        Bson filter = current(sessionId);
        List<Participant> data = new ArrayList<>();
        participants
                .find(filter)
                .sort(Sorts.ascending("addedAt", "userId"))
                .skip(page.skip())
                .limit(page.pageSize())
                .forEach(document -> data.add(participant(document)));
        return new Page<>(data, participants.countDocuments(filter), page.page(), page.pageSize());
    }

    /** Everyone taking part in the session, in the order of {@link #list}. */
    public List<Participant> all(UUID sessionId) {
        List<Participant> data = new ArrayList<>();
        participants
                .find(current(sessionId))
                .sort(Sorts.ascending("addedAt", "userId"))
                .forEach(document -> data.add(participant(document)));
        return data;
    }

    private static Bson current(UUID sessionId) {
        return and(eq("sessionId", sessionId.toString()), eq("removed", false));
    }

    private static Participant participant(Document document) {
        return new Participant(
                document.getString("userId"),
                document.getString("role"),
                document.getString("name"),
                Views.instant(document.get("addedAt")));
    }
}
