package dev.ledgerloop.query.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRemoved;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.SessionArchived;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.eventstore.ErasedEvent;
import dev.ledgerloop.eventstore.UnreadableEvent;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.guest.GuestTokenReader;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.query.participant.ParticipantReader.Participant;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.session.SessionReader;
import dev.ledgerloop.query.session.SessionStream;
import dev.ledgerloop.query.session.SessionView;
import dev.ledgerloop.query.timeline.TimelineReader;
import dev.ledgerloop.service.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * A session as it stood at any point of its stream (docs/replay.md §Point in time): its own events up to the cutoff,
 * folded through fresh instances of the live views' projections on a scratch database, read back by the live views'
 * readers. There is no second implementation of any view that could disagree with the live one.
 */
@Component
public class SessionHistory {
    /** The views a history shows, by projection name. */
    static final List<String> VIEWS = List.of("sessions", "timeline", "participants", "guest_tokens");

    private static final Clock CLOCK = Clock.systemUTC();
    /** Events plus timeline items the kept snapshots may hold together: some tens of MB at most. */
    private static final long SNAPSHOT_WEIGHT = 20_000;

    private final List<Projection> views;
    private final SessionStream stream;
    private final ScratchDatabases scratch;
    private final FoldCheckpoints checkpoints;
    private final DecodedStreams streams;
    /** The collections the views write, all of which a checkpoint holds. */
    private final List<String> collections;

    private final Cache<PrefixKey, Snapshot> snapshots = Caffeine.newBuilder()
            .maximumWeight(SNAPSHOT_WEIGHT)
            .weigher((PrefixKey key, Snapshot snapshot) ->
                    snapshot.folded().events().size() + snapshot.timeline().size())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /**
     * A prefix of a session's stream. The log is append-only, so a prefix up to a revision never changes, and nor does
     * its fold; the count of unreadable events is part of it so that a stream whose key was shredded since (its events
     * now unreadable) is folded anew rather than answered from before.
     */
    private record PrefixKey(UUID sessionId, long lastRevision, long unreadable) {}

    /** What the live readers read back from a fold of one prefix. */
    private record Snapshot(
            Folded folded,
            SessionView session,
            List<Object> timeline,
            List<Participant> participants,
            List<GuestTokenReader.GuestToken> guestTokens) {}

    SessionHistory(
            List<Projection> projections,
            SessionStream stream,
            ScratchDatabases scratch,
            FoldCheckpoints checkpoints,
            DecodedStreams streams) {
        Map<String, Projection> byName =
                projections.stream().collect(Collectors.toMap(Projection::name, Function.identity()));
        this.views = VIEWS.stream()
                .map(name -> Optional.ofNullable(byName.get(name))
                        .orElseThrow(() -> new IllegalStateException("No projection named " + name)))
                .toList();
        this.stream = stream;
        this.scratch = scratch;
        this.checkpoints = checkpoints;
        this.streams = streams;
        this.collections =
                views.stream().flatMap(view -> view.collections().stream()).toList();
    }

    /** A database handed to {@link #fold}'s reader, holding the folded views until the reader returns. */
    @FunctionalInterface
    public interface FoldReader<T> {
        T read(MongoDatabase views);
    }

    /**
     * Folds the whole stream of a session, as the live views see it once caught up, and hands the database holding
     * the result to {@code read}; for comparing a fold with the live views. Empty when the session has no stream.
     */
    public <T> Optional<T> fold(UUID sessionId, FoldReader<T> read) {
        List<TrackedEventMessage<?>> events = streams.all(sessionId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fold(events, (folded, database) -> read.read(database)));
    }

    SessionHistoryView history(Principal principal, UUID sessionId, HistoryAccess access, Cutoff cutoff) {
        Snapshot snapshot = snapshot(principal, sessionId, access, cutoff);
        Folded folded = snapshot.folded();
        Instant at = cutoff.judgedAt(folded.lastEvent(), CLOCK);
        return new SessionHistoryView(
                at,
                folded.position(),
                snapshot.session(),
                snapshot.timeline(),
                snapshot.participants(),
                snapshot.guestTokens().stream()
                        .map(token -> new SessionHistoryView.HistoricGuestToken(token, token.validAt(at)))
                        .toList(),
                folded.unreadable());
    }

    Authority authority(Principal principal, UUID sessionId, String userId, Cutoff cutoff) {
        Snapshot snapshot = snapshot(principal, sessionId, HistoryAccess.SPACE_OWNER, cutoff);
        Folded folded = snapshot.folded();
        String status = snapshot.session() == null ? null : snapshot.session().status();
        Optional<ParticipantRole> role = snapshot.participants().stream()
                .filter(participant -> participant.userId().equals(userId))
                .findFirst()
                .map(Participant::role)
                .map(ParticipantRole::valueOf);
        boolean active = "Active".equals(status);
        boolean mayAnswer = active && role.map(ParticipantRole::mayAnswer).orElse(false);
        return new Authority(
                userId,
                cutoff.judgedAt(folded.lastEvent(), CLOCK),
                role.isPresent(),
                role.map(Enum::name).orElse(null),
                status,
                mayAnswer,
                reason(userId, role, status, active),
                decidingEvents(folded, userId),
                folded.position());
    }

    /**
     * The session's events, oldest first, a page at a time; never their payloads. Read from the streams as decoded
     * for histories, so a page costs one read of the events appended since.
     */
    Page<LoggedEvent> events(Principal principal, UUID sessionId, PageRequest page) {
        HistoryAccess.SPACE_OWNER.require(principal);
        List<TrackedEventMessage<?>> events = streams.all(sessionId);
        if (events.isEmpty()) {
            throw ApiException.notFound("Session " + sessionId + " not found");
        }
        HistoryAccess.SPACE_OWNER.requireReadable(principal, sessionId, (DomainEventMessage<?>) events.get(0));
        List<LoggedEvent> data = events.stream()
                .skip(page.skip())
                .limit(page.pageSize())
                .map(LoggedEvent::of)
                .toList();
        return new Page<>(data, events.size(), page.page(), page.pageSize());
    }

    private interface FoldedReader<T> {
        T read(Folded folded, MongoDatabase views);
    }

    /** The session up to the cutoff, folded once per prefix of its stream. */
    private Snapshot snapshot(Principal principal, UUID sessionId, HistoryAccess access, Cutoff cutoff) {
        access.require(principal);
        List<TrackedEventMessage<?>> events = streams.all(sessionId);
        if (events.isEmpty()) {
            throw ApiException.notFound("Session " + sessionId + " not found");
        }
        DomainEventMessage<?> opening = (DomainEventMessage<?>) events.get(0);
        access.requireReadable(principal, sessionId, opening);
        if (!cutoff.includes(opening)) {
            throw cutoff.beforeOpening(sessionId, opening);
        }
        int length = 1;
        while (length < events.size() && cutoff.includes((DomainEventMessage<?>) events.get(length))) {
            length++;
        }
        List<TrackedEventMessage<?>> prefix = events.subList(0, length);
        TrackedEventMessage<?> last = prefix.get(length - 1);
        cutoff.requireReached(sessionId, (DomainEventMessage<?>) last);
        long unreadable = prefix.stream().filter(SessionHistory::unreadable).count();
        return snapshots.get(
                new PrefixKey(sessionId, ((DomainEventMessage<?>) last).getSequenceNumber(), unreadable),
                key -> fold(
                        prefix,
                        (folded, database) -> new Snapshot(
                                folded,
                                SessionReader.on(database).find(sessionId).orElse(null),
                                TimelineReader.on(database).all(sessionId),
                                ParticipantReader.on(database).all(sessionId),
                                GuestTokenReader.on(database).all(sessionId))));
    }

    /**
     * Folds a prefix of a session's stream on a scratch database: from the nearest checkpoint before its end if one is
     * kept (docs/replay.md §Fold checkpoints), else from its first event, keeping checkpoints on the way.
     */
    private <T> T fold(List<TrackedEventMessage<?>> prefix, FoldedReader<T> read) {
        UUID sessionId = sessionIdOf(prefix.get(0));
        boolean shredded = prefix.stream().anyMatch(event -> event.getPayload() instanceof ErasedEvent);
        // Checkpoints are found by revision: they need a stream whose revisions are its positions, as Axon writes it.
        boolean checkpointed = !shredded && revisionsArePositions(prefix);
        long[] unreadableUpTo = new long[prefix.size()];
        long unreadable = 0;
        for (int i = 0; i < prefix.size(); i++) {
            unreadable += unreadable(prefix.get(i)) ? 1 : 0;
            unreadableUpTo[i] = unreadable;
        }
        try (ScratchDatabases.Scratch database = scratch.open()) {
            ViewFold fold = new ViewFold(views, database.database(), scratch.foldThreads());
            Folded folded = new Folded();
            long resumeAfter = -1;
            Optional<FoldCheckpoints.Checkpoint> from = checkpointed
                    ? checkpoints.nearest(sessionId, prefix.size() - 1, revision -> unreadableUpTo[(int) revision])
                    : Optional.empty();
            if (from.isPresent()) {
                FoldCheckpoints.restore(from.get(), database);
                resumeAfter = from.get().revision();
            }
            List<TrackedEventMessage<?>> toApply = new ArrayList<>();
            for (int revision = 0; revision < prefix.size(); revision++) {
                TrackedEventMessage<?> event = prefix.get(revision);
                if (folded.pass(event) && revision > resumeAfter) {
                    toApply.add(event);
                }
                if (checkpointed && revision > resumeAfter && checkpoints.due(revision)) {
                    fold.applyAll(toApply);
                    toApply.clear();
                    checkpoints.keep(sessionId, revision, unreadableUpTo[revision], database, collections);
                }
            }
            fold.applyAll(toApply);
            if (shredded) {
                // A shredded session: its views are written from its shredding record, as the live ones are.
                stream.shredding(sessionId).forEachRemaining(fold::apply);
            }
            return read.read(folded, database.database());
        }
    }

    private static boolean revisionsArePositions(List<TrackedEventMessage<?>> prefix) {
        int last = prefix.size() - 1;
        return ((DomainEventMessage<?>) prefix.get(0)).getSequenceNumber() == 0
                && ((DomainEventMessage<?>) prefix.get(last)).getSequenceNumber() == last;
    }

    private static boolean unreadable(TrackedEventMessage<?> event) {
        return event.getPayload() instanceof UnreadableEvent || event.getPayload() instanceof ErasedEvent;
    }

    /** Forgets the kept folds of a session (it was shredded: none may be answered from before). */
    public void forget(UUID sessionId) {
        snapshots.asMap().keySet().removeIf(key -> key.sessionId().equals(sessionId));
        checkpoints.forget(sessionId);
        streams.forget(sessionId);
    }

    private static UUID sessionIdOf(TrackedEventMessage<?> event) {
        return UUID.fromString(((DomainEventMessage<?>) event).getAggregateIdentifier());
    }

    private static String reason(String userId, Optional<ParticipantRole> role, String status, boolean active) {
        if (role.isEmpty()) {
            return userId + " was not a participant";
        }
        if (!role.get().mayAnswer()) {
            return "A " + role.get() + " may not answer";
        }
        if (!active) {
            return "The session was " + (status == null ? "unreadable" : status) + " and accepted no answers";
        }
        return "A " + role.get() + " of an active session may answer";
    }

    /** The person's last participant change and the session's last status change up to the cutoff. */
    private static List<Authority.DecidingEvent> decidingEvents(Folded folded, String userId) {
        DomainEventMessage<?> membership = null;
        DomainEventMessage<?> status = null;
        for (TrackedEventMessage<?> message : folded.events()) {
            DomainEventMessage<?> event = (DomainEventMessage<?>) message;
            Object payload = event.getPayload();
            if (payload instanceof ParticipantAdded added && added.userId().equals(userId)
                    || payload instanceof ParticipantRoleChanged changed
                            && changed.userId().equals(userId)
                    || payload instanceof ParticipantRemoved removed
                            && removed.userId().equals(userId)) {
                membership = event;
            } else if (payload instanceof SessionOpened
                    || payload instanceof SessionClosed
                    || payload instanceof SessionArchived) {
                status = event;
            }
        }
        List<Authority.DecidingEvent> deciding = new ArrayList<>();
        for (DomainEventMessage<?> event : new DomainEventMessage<?>[] {status, membership}) {
            if (event != null) {
                deciding.add(new Authority.DecidingEvent(
                        event.getSequenceNumber(), LoggedEvent.type(event), event.getTimestamp()));
            }
        }
        deciding.sort(Comparator.comparingLong(Authority.DecidingEvent::revision));
        return deciding;
    }
}
