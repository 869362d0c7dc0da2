package dev.ledgerloop.query.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.TestMessages;
import dev.ledgerloop.query.ViewBatches;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The usage view counts each session opened and message sent once, in total and per month, whether its events come one
 * at a time or in batches whose counts are written at the batch's end, and whatever a replay delivers again.
 */
class UsageViewTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final MetaData CONTEXT = EventContext.of(Principal.agent(SPACE, AGENT, "default", "key-1"));
    private static final Instant MARCH = Instant.parse("2026-03-31T23:59:59.000Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00.000Z");

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    /** The first session's 1 to 5, the second's 1 to 3 and a participant's event, interleaved as in the log. */
    private final List<EventMessage<?>> log = List.of(
            opened(first, 1, MARCH),
            sent(first, 2, MARCH),
            opened(second, 1, MARCH),
            sent(first, 3, APRIL),
            sent(second, 2, APRIL),
            participantAdded(second, 3),
            sent(first, 4, APRIL),
            sent(first, 5, APRIL));

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void batches_count_what_events_one_at_a_time_count_in_the_same_documents(Supplier<MongoDatabase> server) {
        MongoDatabase oneByOne = server.get();
        MongoDatabase batched = server.get();

        handleOneByOne(oneByOne, log);
        handleInBatches(batched, log, 3);

        assertThat(documents(batched, UsageProjection.COLLECTION))
                .isEqualTo(documents(oneByOne, UsageProjection.COLLECTION));
        assertThat(documents(batched, UsageProjection.APPLIED)).isEqualTo(documents(oneByOne, UsageProjection.APPLIED));
        assertThat(documents(batched, UsageProjection.COLLECTION))
                .containsExactly(usage("2026-03", 2, 1), usage("2026-04", 0, 4), usage(UsageProjection.TOTAL, 2, 5));
    }

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void a_batch_delivered_again_or_overlapping_what_was_counted_adds_only_the_new_events(
            Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();
        handleOneByOne(database, log.subList(0, 4));

        // A processor restarting from an older token delivers counted events again, with new ones after them.
        handleInBatches(database, log, log.size());
        handleInBatches(database, log, 2);

        assertThat(documents(database, UsageProjection.COLLECTION))
                .containsExactly(usage("2026-03", 2, 1), usage("2026-04", 0, 4), usage(UsageProjection.TOTAL, 2, 5));
    }

    @ParameterizedTest
    @MethodSource("dev.ledgerloop.query.ViewDatabases#servers")
    void a_batch_whose_last_event_is_not_counted_still_writes_its_counts(Supplier<MongoDatabase> server) {
        MongoDatabase database = server.get();

        handleInBatches(database, log.subList(0, 6), 6);

        assertThat(documents(database, UsageProjection.COLLECTION))
                .containsExactly(usage("2026-03", 2, 1), usage("2026-04", 0, 2), usage(UsageProjection.TOTAL, 2, 3));
    }

    private static void handleOneByOne(MongoDatabase database, List<EventMessage<?>> events) {
        ViewBatches.handleOneByOne(new UsageProjection(database), events);
    }

    private static void handleInBatches(MongoDatabase database, List<EventMessage<?>> events, int size) {
        ViewBatches.handleInBatches(new UsageProjection(database), events, size);
    }

    private static List<String> documents(MongoDatabase database, String collection) {
        return ViewBatches.documents(database, collection);
    }

    private static String usage(String period, long sessions, long messages) {
        return new Document("_id", UsageProjection.id(SPACE, period))
                .append("spaceId", SPACE.toString())
                .append("period", period)
                .append(UsageCounts.SESSIONS, sessions)
                .append(UsageCounts.MESSAGES, messages)
                .toJson();
    }

    private static EventMessage<?> opened(UUID session, long sequence, Instant at) {
        return domainEvent(session, sequence, new SessionOpened(session, AGENT, null, false, null), at);
    }

    private static EventMessage<?> sent(UUID session, long sequence, Instant at) {
        return domainEvent(session, sequence, TestMessages.fromAgent(session, AGENT, false, Priority.Medium), at);
    }

    private static EventMessage<?> participantAdded(UUID session, long sequence) {
        return domainEvent(session, sequence, new ParticipantAdded(session, "ann", ParticipantRole.member), APRIL);
    }

    private static EventMessage<?> domainEvent(UUID session, long sequence, Object payload, Instant at) {
        return TestMessages.sessionEvent(session, sequence, payload, CONTEXT, at);
    }
}
