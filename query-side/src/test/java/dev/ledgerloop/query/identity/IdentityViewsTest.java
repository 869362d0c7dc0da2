package dev.ledgerloop.query.identity;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.agent.AgentRegistered;
import dev.ledgerloop.events.apikey.ApiKeyIssued;
import dev.ledgerloop.events.apikey.ApiKeyRevoked;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code agents} and {@code api_keys} views, in the shape the gateway reads, built idempotently. */
class IdentityViewsTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final MetaData CONTEXT = EventContext.system(SPACE, "provisioning-key:p");
    private static final Instant T0 = Instant.parse("2026-03-25T10:30:00.123Z");

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void an_agent_registered_twice_is_one_document_of_its_space(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        AgentsProjection projection = new AgentsProjection(database);
        UUID agent = UUID.randomUUID();

        projection.on(new AgentRegistered(agent, "deploy-bot", "Deploys"), CONTEXT, 0, T0);
        projection.on(new AgentRegistered(agent, "deploy-bot", "Deploys"), CONTEXT, 0, T0.plusSeconds(5));

        assertThat(database.getCollection(AgentsProjection.COLLECTION).countDocuments())
                .isEqualTo(1);
        Document view = database.getCollection(AgentsProjection.COLLECTION)
                .find(eq("_id", agent.toString()))
                .first();
        assertThat(view.getString("spaceId")).isEqualTo(SPACE.toString());
        assertThat(view.getString("name")).isEqualTo("deploy-bot");
        assertThat(view.getString("description")).isEqualTo("Deploys");
        assertThat(view.getDate("createdAt").toInstant()).isEqualTo(T0);
    }

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void a_key_is_found_by_its_hash_and_stays_revoked_through_a_replay(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        ApiKeysProjection projection = new ApiKeysProjection(database);
        UUID key = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        String hash = "cd".repeat(32);
        ApiKeyIssued issued = new ApiKeyIssued(key, hash, agent, "billing-bot", List.of("manage"));

        projection.on(issued, CONTEXT, 0, T0);
        Document fresh = database.getCollection(ApiKeysProjection.COLLECTION)
                .find(eq("keyHash", hash))
                .first();
        projection.on(new ApiKeyRevoked(key), 1, T0.plusSeconds(60));
        // A replay from an older token delivers the same events again.
        projection.on(issued, CONTEXT, 0, T0);
        projection.on(new ApiKeyRevoked(key), 1, T0.plusSeconds(90));

        assertThat(fresh.getString("_id")).isEqualTo(key.toString());
        assertThat(fresh.getString("spaceId")).isEqualTo(SPACE.toString());
        assertThat(fresh.getString("agentId")).isEqualTo(agent.toString());
        assertThat(fresh.getString("agentName")).isEqualTo("billing-bot");
        assertThat(fresh.getList("permissions", String.class)).containsExactly("agent", "manage");
        assertThat(fresh.getBoolean("revoked")).isFalse();
        Document revoked = database.getCollection(ApiKeysProjection.COLLECTION)
                .find(eq("keyHash", hash))
                .first();
        assertThat(revoked.getBoolean("revoked")).isTrue();
        assertThat(revoked.getDate("revokedAt").toInstant()).isEqualTo(T0.plusSeconds(60));
    }

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void a_key_issued_before_permissions_existed_acts_as_its_own_agent_only(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        String hash = "ef".repeat(32);

        new ApiKeysProjection(database)
                .on(new ApiKeyIssued(UUID.randomUUID(), hash, UUID.randomUUID(), "old-bot", null), CONTEXT, 0, T0);

        Document view = database.getCollection(ApiKeysProjection.COLLECTION)
                .find(eq("keyHash", hash))
                .first();
        assertThat(view.getList("permissions", String.class)).containsExactly("agent");
    }
}
