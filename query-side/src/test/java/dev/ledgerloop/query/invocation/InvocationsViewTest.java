package dev.ledgerloop.query.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.crypto.MasterKey;
import dev.ledgerloop.events.crypto.MongoWrappedKeyStore;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationContent;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code invocations} view: built idempotently, read only by the invoked agent, oldest first. */
class InvocationsViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final Principal THE_AGENT = Principal.agent(SPACE, AGENT, "default", "key-1");
    private static final MetaData CONTEXT = EventContext.of(Principal.human(SPACE, "user-1"));
    private static final EncryptedEnvelope RESULT = new EncryptedEnvelope(
            EncryptedEnvelope.VERSION,
            EncryptedEnvelope.ALGORITHM,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            List.of(new Wrapping("human-1", "AAAA", "AAAA")));
    private static final Instant T0 = Instant.parse("2026-03-25T10:30:00.123Z");

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void events_applied_twice_or_out_of_date_change_nothing(Supplier<MongoDatabase> server) throws Exception {
        MongoDatabase database = server.get();
        InvocationsProjection projection = new InvocationsProjection(database, seals(database));
        UUID invocation = UUID.randomUUID();
        InvocationRequested requested = new InvocationRequested(
                invocation, AGENT, "deploy", null, JSON.readTree("{\"$ref\":\"x\",\"a.b\":[1]}"), "user-1");

        projection.on(requested, CONTEXT, 0, T0);
        projection.on(new InvocationFailed(invocation, "no"), CONTEXT, 1, T0.plusSeconds(1));
        projection.on(requested, CONTEXT, 0, T0.plusSeconds(9));
        projection.on(new InvocationCompleted(invocation, RESULT), CONTEXT, 1, T0.plusSeconds(9));

        InvocationView view = new InvocationReader(database).get(THE_AGENT, invocation);
        assertThat(view.status()).isEqualTo("Failed");
        assertThat(view.error()).isEqualTo("no");
        assertThat(view.arguments()).isEqualTo(JSON.readTree("{\"$ref\":\"x\",\"a.b\":[1]}"));
        assertThat(view.requestedBy()).isEqualTo("user-1");
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.completedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void the_agent_polls_its_own_invocations_by_status_oldest_first(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        InvocationsProjection projection = new InvocationsProjection(database, seals(database));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        projection.on(requested(second, AGENT), CONTEXT, 0, T0.plusSeconds(2));
        projection.on(requested(first, AGENT), CONTEXT, 0, T0.plusSeconds(1));
        projection.on(requested(done, AGENT), CONTEXT, 0, T0);
        projection.on(new InvocationFailed(done, "no"), CONTEXT, 1, T0.plusSeconds(3));
        projection.on(requested(UUID.randomUUID(), UUID.randomUUID()), CONTEXT, 0, T0);

        InvocationReader reader = new InvocationReader(database);
        Page<InvocationView> pending = reader.list(THE_AGENT, "Pending", PageRequest.of(null, "1"));
        assertThat(pending.total()).isEqualTo(2);
        assertThat(pending.data()).extracting(InvocationView::id).containsExactly(first.toString());
        assertThat(reader.list(THE_AGENT, "Pending", PageRequest.of("2", "1")).data())
                .extracting(InvocationView::id)
                .containsExactly(second.toString());
        assertThat(reader.list(THE_AGENT, null, PageRequest.of(null, null)).total())
                .isEqualTo(3);
        assertThat(reader.list(THE_AGENT, "Failed", PageRequest.of(null, null)).data())
                .extracting(InvocationView::id)
                .containsExactly(done.toString());
        assertThatThrownBy(() -> reader.get(Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1"), first))
                .isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void the_content_of_an_invocation_in_a_shredded_session_is_erased_live_and_in_a_rebuild(
            Supplier<MongoDatabase> server) throws Exception {
        MongoDatabase database = server.get();
        Keyring keyring = keyring(database);
        SessionSeals seals = new SessionSeals(keyring);
        InvocationsProjection projection = new InvocationsProjection(database, seals);
        UUID session = UUID.randomUUID();
        UUID invocation = UUID.randomUUID();
        InvocationRequested requested = new InvocationRequested(
                invocation,
                AGENT,
                "deploy",
                null,
                null,
                "user-1",
                session,
                InvocationContent.sealArguments(
                        seals,
                        SPACE,
                        session,
                        invocation,
                        new InvocationContent.Arguments(null, JSON.readTree("{\"file\":\"plan.txt\"}"))));
        InvocationCompleted completed = new InvocationCompleted(
                invocation, null, InvocationContent.sealResult(seals, SPACE, session, invocation, RESULT));
        projection.on(requested, CONTEXT, 0, T0);
        projection.on(completed, CONTEXT, 1, T0.plusSeconds(1));
        InvocationReader reader = new InvocationReader(database);
        InvocationView readable = reader.get(THE_AGENT, invocation);
        assertThat(readable.arguments()).isEqualTo(JSON.readTree("{\"file\":\"plan.txt\"}"));
        assertThat(readable.encryptedResult()).isNotNull();
        assertThat(readable.sessionId()).isEqualTo(session.toString());
        assertThat(readable.erased()).isFalse();

        keyring.shred("session-" + session);
        projection.erase(session);

        assertErased(reader.get(THE_AGENT, invocation));
        database.getCollection(InvocationsProjection.COLLECTION).drop();
        InvocationsProjection rebuilt = new InvocationsProjection(database, new SessionSeals(keyring(database)));
        rebuilt.on(requested, CONTEXT, 0, T0);
        rebuilt.on(completed, CONTEXT, 1, T0.plusSeconds(1));
        assertErased(reader.get(THE_AGENT, invocation));
    }

    private static void assertErased(InvocationView view) {
        assertThat(view.erased()).isTrue();
        assertThat(view.arguments()).isNull();
        assertThat(view.encryptedArguments()).isNull();
        assertThat(view.encryptedResult()).isNull();
        assertThat(view.requestedBy()).isNull();
        assertThat(view.status()).isEqualTo("Completed");
        assertThat(view.command()).isEqualTo("deploy");
    }

    private static final MasterKey MASTER_KEY =
            MasterKey.fromBase64(Base64.getEncoder().encodeToString(randomBytes()));

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static Keyring keyring(MongoDatabase database) {
        return new Keyring(MASTER_KEY, new MongoWrappedKeyStore(database), Clock.systemUTC(), 10);
    }

    private static SessionSeals seals(MongoDatabase database) {
        return new SessionSeals(keyring(database));
    }

    private static InvocationRequested requested(UUID invocation, UUID agent) {
        return new InvocationRequested(invocation, agent, "ping", null, null, "user-1");
    }
}
