package dev.ledgerloop.query.live;

import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.notification.Notification;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Opens the live event streams, {@code GET /v1/agent/stream} and {@code GET /v1/human/stream}: every event of the
 * caller's sessions (and, for agents, invocations and the channels it takes part in, as each channel event names its
 * participants) as it happens, as server-sent events with the webhook types and payloads. {@code Last-Event-ID} (or
 * {@code ?after=}) resumes just after an event the client saw. The servlet route ({@link EventStreamController})
 * and a gateway in the same JVM (which writes the events to its client itself, one hop fewer) both open them here.
 */
@Component
public class StreamRequests {
    /** The request header a client resumes with. */
    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventStreams streams;
    private final ParticipantReader participants;

    StreamRequests(EventStreams streams, ParticipantReader participants) {
        this.streams = streams;
        this.participants = participants;
    }

    /**
     * Opens the stream of {@code /v1/{audience}/stream} for this principal, written to {@code output}.
     *
     * @param audience {@code agent} or {@code human}, the path's segment
     * @param lastEventId the {@code Last-Event-ID} header, or null
     * @param after the {@code after} parameter, or null
     * @return what closes the stream when its client has gone (running it again does nothing)
     * @throws ApiException 403 for the other kind of caller, 400 for a position that is not an id of this stream,
     *     429 when the principal or its space holds too many long-lived requests open
     */
    public Runnable open(Principal principal, String audience, String lastEventId, String after, StreamOutput output) {
        return switch (audience) {
            case "agent" -> {
                if (!principal.isAgent()) {
                    throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
                }
                yield streams.open(
                        principal,
                        resumeAfter(lastEventId, after),
                        new AgentAudience(principal.spaceId(), UUID.fromString(principal.subjectId())),
                        output);
            }
            case "human" -> {
                if (!principal.isHuman()) {
                    throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
                }
                EventStoreDbPositionToken from = resumeAfter(lastEventId, after);
                Set<UUID> sessions = ConcurrentHashMap.newKeySet();
                sessions.addAll(participants.sessionsOf(principal));
                yield streams.open(principal, from, new ParticipantAudience(principal, sessions), output);
            }
            default -> throw ApiException.notFound("No stream for '" + audience + "'");
        };
    }

    /** How long a stream stays open before the server ends it (clients reconnect). */
    public Duration timeout() {
        return streams.streamTimeout();
    }

    private EventStoreDbPositionToken resumeAfter(String lastEventId, String after) {
        EventStoreDbPositionToken head = streams.head();
        if (lastEventId != null && !lastEventId.isBlank()) {
            return StreamPosition.parse(lastEventId, "Header '" + LAST_EVENT_ID + "'", head);
        }
        if (after != null) {
            return StreamPosition.parse(after, "Parameter 'after'", head);
        }
        return head;
    }

    /** An agent sees the events about itself (its sessions, invocations) and those of the channels it is in. */
    private record AgentAudience(UUID space, UUID agent) implements EventStreams.Audience {
        @Override
        public boolean test(Notification notification) {
            return space.equals(notification.spaceId()) && notification.concerns(agent);
        }

        @Override
        public boolean mayConcern(Notification notification) {
            return test(notification);
        }
    }

    /**
     * A human sees the events of the sessions they take part in, following the changes as the stream reads them: added
     * to a session, they see from that event on; removed, they see their removal and nothing after it.
     */
    private record ParticipantAudience(Principal human, Set<UUID> sessions) implements EventStreams.Audience {
        @Override
        public boolean test(Notification notification) {
            if (!human.spaceId().equals(notification.spaceId()) || notification.sessionId() == null) {
                return false;
            }
            boolean aboutMe = human.subjectId().equals(notification.data().get("userId"));
            if (aboutMe && notification.type().equals("participant.added")) {
                sessions.add(notification.sessionId());
            }
            boolean mine = sessions.contains(notification.sessionId());
            if (aboutMe && notification.type().equals("participant.removed")) {
                sessions.remove(notification.sessionId());
            }
            return mine && !notification.type().startsWith("invocation.");
        }

        /** Any session event of the space: which sessions are theirs changes as {@link #test} reads the events. */
        @Override
        public boolean mayConcern(Notification notification) {
            return human.spaceId().equals(notification.spaceId()) && notification.sessionId() != null;
        }
    }
}
