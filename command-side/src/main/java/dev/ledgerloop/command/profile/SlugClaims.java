package dev.ledgerloop.command.profile;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which agent holds which public slug, across the deployment ({@code agent_slugs}, the slug as {@code _id}): the unique
 * id makes two agents claiming one slug at once a race that exactly one wins. A claim is made before the profile
 * event is written and released after a profile with another slug is; a crash in between leaves the slug held by the
 * agent that claimed it, which may still publish it.
 */
@Component
class SlugClaims {
    static final String COLLECTION = "agent_slugs";

    private final MongoCollection<Document> claims;

    SlugClaims(MongoDatabase database) {
        this.claims = database.getCollection(COLLECTION);
    }

    /** True if the slug is now the agent's (newly or already), false if another agent holds it. */
    boolean claim(String slug, UUID agentId) {
        if (GuardedWrites.insertOnce(claims, new Document("_id", slug).append("agentId", agentId.toString()))) {
            return true;
        }
        Document holder = claims.find(eq("_id", slug)).first();
        return holder == null ? claim(slug, agentId) : agentId.toString().equals(holder.getString("agentId"));
    }

    void release(String slug, UUID agentId) {
        claims.deleteOne(and(eq("_id", slug), eq("agentId", agentId.toString())));
    }
}
