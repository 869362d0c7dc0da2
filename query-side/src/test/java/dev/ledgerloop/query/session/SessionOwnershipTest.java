package dev.ledgerloop.query.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Only an agent owns sessions: the reader does not rely on the principal filter alone to keep others out. */
class SessionOwnershipTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final Principal THE_AGENT = Principal.agent(SPACE, AGENT, "default", "key-1");

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void a_human_whose_user_id_is_the_agents_id_owns_none_of_its_sessions(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        UUID session = UUID.randomUUID();
        new SessionsProjection(database)
                .on(new SessionOpened(session, AGENT, null, false, null), EventContext.of(THE_AGENT), 0, Instant.now());
        SessionReader reader = new SessionReader(database);
        Principal human = Principal.human(SPACE, AGENT.toString());
        Principal provisioning = Principal.provisioning(SPACE, AGENT.toString());

        assertThat(reader.get(THE_AGENT, session).id()).isEqualTo(session.toString());
        for (Principal other : new Principal[] {human, provisioning}) {
            assertThatThrownBy(() -> reader.get(other, session))
                    .as(other.kind().name())
                    .isInstanceOf(ApiException.class);
            assertThat(reader.list(other, null, null, new PageRequest(1, 20)).data())
                    .as(other.kind().name())
                    .isEmpty();
        }
    }
}
