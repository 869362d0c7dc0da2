package dev.ledgerloop.query.session;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.UUID;

/** Puts a session into the {@code sessions} view for tests of views that check ownership through it. */
public final class SessionsViewFixture {
    private SessionsViewFixture() {}

    public static SessionReader reader(MongoDatabase database) {
        return new SessionReader(database);
    }

    public static void opened(MongoDatabase database, UUID session, Principal agent) {
        new SessionsProjection(database)
                .on(
                        new SessionOpened(session, UUID.fromString(agent.subjectId()), null, false, null),
                        EventContext.of(agent),
                        0,
                        Instant.now());
    }
}
