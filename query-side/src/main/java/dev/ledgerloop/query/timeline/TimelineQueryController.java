package dev.ledgerloop.query.timeline;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.query.session.SessionReader;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A session's timeline for its agent and for its participants, and the agent's long-poll for an answer
 * (docs/api.md §Sessions, §Humans).
 */
@RestController
class TimelineQueryController {
    private final TimelineReader timeline;
    private final SessionReader sessions;
    private final ParticipantReader participants;
    private final SessionAwaits awaits;
    private final SettledInLog settledInLog;

    TimelineQueryController(
            TimelineReader timeline,
            SessionReader sessions,
            ParticipantReader participants,
            SessionAwaits awaits,
            SettledInLog settledInLog) {
        this.timeline = timeline;
        this.sessions = sessions;
        this.participants = participants;
        this.awaits = awaits;
        this.settledInLog = settledInLog;
    }

    @GetMapping("/v1/agent/sessions/{sessionId}/timeline")
    Object timeline(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        sessions.get(principal, sessionId);
        return timeline.read(sessionId, page, pageSize, limit, before);
    }

    @GetMapping("/v1/human/sessions/{sessionId}/timeline")
    Object humanTimeline(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        participants.requireParticipant(principal, sessionId);
        return timeline.read(sessionId, page, pageSize, limit, before);
    }

    /** 200 with the answer as soon as the log holds it, 204 when {@code timeoutMs} passes first. */
    @GetMapping("/v1/agent/sessions/{sessionId}/await")
    DeferredResult<ResponseEntity<Object>> await(
            Principal principal, @PathVariable UUID sessionId, @RequestParam(required = false) String timeoutMs) {
        int timeout = SessionAwaits.timeoutMillis(timeoutMs);
        sessions.get(principal, sessionId);
        // What the log had settled before this request, which the view may not show yet.
        SettledInLog.AsOf logNow = settledInLog.now(sessionId);
        return awaits.await(
                principal,
                sessionId,
                timeout,
                () -> timeline.awaitedResponse(sessionId, logNow)
                        .or(() -> logNow.answeredAheadOfView(sessionId, () -> timeline.lastSequence(sessionId))),
                event -> logNow.answeredSince(event));
    }
}
