package dev.ledgerloop.query.live;

import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.notification.Notification;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/agent/stream} and {@code GET /v1/human/stream}: every event of the caller's sessions (and, for agents,
 * invocations and the channels it takes part in, as each channel event names its participants) as it happens, as
 * server-sent events with the webhook types and payloads. {@code Last-Event-ID} (or {@code ?after=}) resumes just after
 * an event the client saw.
 */
@RestController
class EventStreamController {
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventStreams streams;
    private final ParticipantReader participants;

    EventStreamController(EventStreams streams, ParticipantReader participants) {
        this.streams = streams;
        this.participants = participants;
    }

    @GetMapping(path = "/v1/agent/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter agentStream(
            Principal principal,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            @RequestParam(required = false) String after) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return streams.open(
                principal,
                resumeAfter(lastEventId, after),
                new AgentAudience(principal.spaceId(), UUID.fromString(principal.subjectId())));
    }

    @GetMapping(path = "/v1/human/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter humanStream(
            Principal principal,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            @RequestParam(required = false) String after) {
        if (!principal.isHuman()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        EventStoreDbPositionToken from = resumeAfter(lastEventId, after);
        Set<UUID> sessions = ConcurrentHashMap.newKeySet();
        sessions.addAll(participants.sessionsOf(principal));
        return streams.open(principal, from, new ParticipantAudience(principal, sessions));
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
