package dev.ledgerloop.command.session;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.command.session.SessionCommand.ExpireMessage;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.schedule.DueDeadlines;
import java.time.Clock;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Expires messages whose deadline passed unanswered: one thread sleeps until the earliest open deadline in
 * MongoDB (or until {@link DeadlinesProjection} records an earlier one), then sends {@code ExpireMessage} as the
 * system. Several command-side instances may race on one deadline; the aggregate expires a message once.
 */
@Component
class DeadlineScheduler extends DueDeadlines {
    static final String COMPONENT = "deadlines";
    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);

    private final SessionCommandSender commands;

    DeadlineScheduler(MongoDatabase database, SessionCommandSender commands, Clock clock) {
        super("deadline-scheduler", database.getCollection(DeadlinesProjection.COLLECTION), clock);
        this.commands = commands;
    }

    @Override
    protected void expire(Document deadline) {
        UUID sessionId = UUID.fromString(deadline.getString("sessionId"));
        UUID messageId = UUID.fromString(deadline.getString("_id"));
        try {
            commands.send(
                    new ExpireMessage(sessionId, messageId),
                    EventContext.system(UUID.fromString(deadline.getString("spaceId")), COMPONENT),
                    Void.class);
        } catch (DomainException e) {
            log.warn(
                    "Deadline of message {} in session {} names nothing to expire: {}",
                    messageId,
                    sessionId,
                    e.getMessage());
        }
    }
}
