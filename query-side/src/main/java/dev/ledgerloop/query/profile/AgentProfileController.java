package dev.ledgerloop.query.profile;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.web.Callers;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents' published profiles (docs/api.md §Public agent profiles): the agent reads its own, and anyone, without
 * credentials, what an agent published under a slug, and nothing else of it (not even its id or space).
 */
@RestController
class AgentProfileController {
    private final MongoCollection<Document> profiles;

    AgentProfileController(MongoDatabase database) {
        this.profiles = database.getCollection(AgentProfilesProjection.COLLECTION);
    }

    record OwnProfile(
            String agentId,
            String slug,
            String displayName,
            String description,
            String websiteUrl,
            Instant publishedAt) {}

    record PublicAgent(String slug, String displayName, String description, String websiteUrl, Instant publishedAt) {}

    @GetMapping("/v1/agent/profile")
    @Operation(summary = "The agent's published profile", description = "404 before it published one")
    OwnProfile own(Principal principal) {
        UUID agentId = Callers.agentId(principal);
        Document found = profiles.find(and(
                        eq("_id", agentId.toString()),
                        eq("spaceId", principal.spaceId().toString())))
                .first();
        if (found == null) {
            throw ApiException.notFound("This agent has published no profile");
        }
        return new OwnProfile(
                agentId.toString(),
                found.getString("slug"),
                found.getString("displayName"),
                found.getString("description"),
                found.getString("websiteUrl"),
                Views.instant(found.get("publishedAt")));
    }

    @GetMapping("/v1/public/agents/{slug}")
    @Operation(
            summary = "An agent's public profile, by its slug",
            description = "No credentials. {slug, displayName, description, websiteUrl, publishedAt}; an unknown slug:"
                    + " 404")
    PublicAgent publicProfile(@PathVariable String slug) {
        Document found = profiles.find(eq("slug", slug)).first();
        if (found == null) {
            throw ApiException.notFound("No agent has published the slug '" + slug + "'");
        }
        return new PublicAgent(
                found.getString("slug"),
                found.getString("displayName"),
                found.getString("description"),
                found.getString("websiteUrl"),
                Views.instant(found.get("publishedAt")));
    }
}
