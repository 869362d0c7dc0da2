package dev.ledgerloop.command.session;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.command.session.SessionCommand.ExpireMessage;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.schedule.DueWorkLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
class DeadlineScheduler extends DueWorkLoop {
    static final String COMPONENT = "deadlines";
    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);
    private static final Duration IDLE_RECHECK = Duration.ofMinutes(1);

    private final MongoCollection<Document> deadlines;
    private final SessionCommandSender commands;
    private final Clock clock;

    DeadlineScheduler(MongoDatabase database, SessionCommandSender commands, Clock clock) {
        super("deadline-scheduler");
        this.deadlines = database.getCollection(DeadlinesProjection.COLLECTION);
        this.commands = commands;
        this.clock = clock;
    }

    /** Expires every deadline that is due; answers how long until the next one. */
    @Override
    protected Duration runDueWork() {
        while (running()) {
            Document next = deadlines.find().sort(Sorts.ascending("dueAt")).first();
            if (next == null) {
                return IDLE_RECHECK;
            }
            Instant dueAt = next.getDate("dueAt").toInstant();
            Instant now = clock.instant();
            if (dueAt.isAfter(now)) {
                Duration untilDue = Duration.between(now, dueAt);
                return untilDue.compareTo(IDLE_RECHECK) < 0 ? untilDue : IDLE_RECHECK;
            }
            expire(next);
        }
        return Duration.ZERO;
    }

    private void expire(Document deadline) {
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
        // The MessageExpired event removes it too; removing it now keeps this loop from sending it again.
        deadlines.deleteOne(eq("_id", deadline.getString("_id")));
    }
}
