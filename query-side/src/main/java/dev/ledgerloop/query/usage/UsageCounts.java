package dev.ledgerloop.query.usage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.query.projection.BatchEndWrites;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * The usage counts of a batch of events, written together: per session one read and one guarded write of its mark
 * (the last sequence counted), per space and period one upsert of the summed counters. An event at or below its
 * session's mark was counted before and adds nothing.
 */
final class UsageCounts implements BatchEndWrites.Pending {
    static final String SESSIONS = "sessions";
    static final String MESSAGES = "messages";

    private final MongoCollection<Document> usage;
    private final MongoCollection<Document> applied;
    private final Map<UUID, SessionEvents> bySession = new LinkedHashMap<>();

    UsageCounts(MongoCollection<Document> usage, MongoCollection<Document> applied) {
        this.usage = usage;
        this.applied = applied;
    }

    void add(UUID sessionId, UUID spaceId, long sequence, Instant at, String counter) {
        bySession
                .computeIfAbsent(sessionId, id -> new SessionEvents(spaceId, new ArrayList<>()))
                .events()
                .add(new Counted(sequence, at, counter));
    }

    @Override
    public void write() {
        Map<String, Sums> sums = new LinkedHashMap<>();
        bySession.forEach((sessionId, session) -> {
            List<Counted> newer = newerThanMark(sessionId, session.events());
            if (newer.isEmpty()) {
                return;
            }
            long last = newer.stream().mapToLong(Counted::sequence).max().orElseThrow();
            if (!GuardedWrites.updateGuarded(
                    applied,
                    sessionId.toString(),
                    last,
                    Updates.set("spaceId", session.spaceId().toString()),
                    true)) {
                return;
            }
            for (Counted event : newer) {
                for (String period : List.of(UsageProjection.TOTAL, UsagePeriod.of(event.at()))) {
                    sums.computeIfAbsent(
                                    UsageProjection.id(session.spaceId(), period),
                                    id -> new Sums(session.spaceId(), period))
                            .add(event.counter());
                }
            }
        });
        sums.forEach((id, sum) -> usage.updateOne(
                eq("_id", id),
                Updates.combine(
                        Updates.set("spaceId", sum.spaceId.toString()),
                        Updates.set("period", sum.period),
                        Updates.inc(SESSIONS, sum.sessions),
                        Updates.inc(MESSAGES, sum.messages)),
                new UpdateOptions().upsert(true)));
        bySession.clear();
    }

    private List<Counted> newerThanMark(UUID sessionId, List<Counted> events) {
        Document mark = applied.find(eq("_id", sessionId.toString())).first();
        long counted = mark == null ? Long.MIN_VALUE : mark.getLong(GuardedWrites.VERSION);
        return events.stream().filter(event -> event.sequence() > counted).toList();
    }

    private record Counted(long sequence, Instant at, String counter) {}

    private record SessionEvents(UUID spaceId, List<Counted> events) {}

    private static final class Sums {
        private final UUID spaceId;
        private final String period;
        private long sessions;
        private long messages;

        Sums(UUID spaceId, String period) {
            this.spaceId = spaceId;
            this.period = period;
        }

        void add(String counter) {
            if (counter.equals(SESSIONS)) {
                sessions++;
            } else {
                messages++;
            }
        }
    }
}
