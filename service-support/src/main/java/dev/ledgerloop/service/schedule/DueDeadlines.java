package dev.ledgerloop.service.schedule;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;

/**
 * Durable deadlines kept in a MongoDB collection ({@code {_id, dueAt, ...}}, written from the events by a projection
 * that calls {@link #wake()}): one thread sleeps until the earliest falls due, then has it {@link #expire expired} and
 * removes it. A deadline that passed while the system was down falls due right after the restart. Several instances may
 * race on one deadline; the aggregate it names expires once.
 */
public abstract class DueDeadlines extends DueWorkLoop {
    private static final Duration IDLE_RECHECK = Duration.ofMinutes(1);

    private final MongoCollection<Document> deadlines;
    private final Clock clock;

    protected DueDeadlines(String threadName, MongoCollection<Document> deadlines, Clock clock) {
        super(threadName);
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** Sends what expires the deadline's subject; a subject already finished must make this a no-op. */
    protected abstract void expire(Document deadline);

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
            // The expiry's event removes it too; removing it now keeps this loop from sending it again.
            deadlines.deleteOne(eq("_id", next.get("_id")));
        }
        return Duration.ZERO;
    }
}
