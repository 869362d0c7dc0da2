package dev.ledgerloop.command.invocation;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.command.invocation.InvocationCommand.ExpireInvocation;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.schedule.DueDeadlines;
import java.time.Clock;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Expires invocations whose {@code expiresAt} passed while pending, as the system ({@link InvocationDeadlines}). */
@Component
class InvocationExpiry extends DueDeadlines {
    static final String COMPONENT = "invocation-expiry";
    private static final Logger log = LoggerFactory.getLogger(InvocationExpiry.class);

    private final InvocationCommandSender invocations;

    InvocationExpiry(MongoDatabase database, InvocationCommandSender invocations, Clock clock) {
        super("invocation-expiry", database.getCollection(InvocationDeadlines.COLLECTION), clock);
        this.invocations = invocations;
    }

    @Override
    protected void expire(Document deadline) {
        UUID invocationId = UUID.fromString(deadline.getString("_id"));
        try {
            invocations.send(
                    invocationId,
                    new ExpireInvocation(invocationId),
                    EventContext.system(UUID.fromString(deadline.getString("spaceId")), COMPONENT));
        } catch (DomainException e) {
            log.warn("Expiry of invocation {} names nothing to expire: {}", invocationId, e.getMessage());
        }
    }
}
