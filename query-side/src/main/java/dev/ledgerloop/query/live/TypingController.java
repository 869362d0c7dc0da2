package dev.ledgerloop.query.live;

import dev.ledgerloop.events.MillisTimestamps;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.query.session.SessionReader;
import dev.ledgerloop.query.session.SessionView;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST .../typing {typing}} for the session's agent and participants, and a server-sent event stream of those
 * signals for each of them. The gateway routes these POSTs here, where the live streams are, not to the command side:
 * nothing is stored.
 */
@RestController
class TypingController {
    private static final String NOT_A_BOOLEAN = "must be true or false";

    /** Without a body, or with one that is not an object, the signal lacks its boolean as much as with {@code {}}. */
    @RequestRecord(wrongBody = "Field 'typing' " + NOT_A_BOOLEAN)
    record TypingRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = NOT_A_BOOLEAN)
            Boolean typing) {}

    private final TypingSignals signals;
    private final SessionReader sessions;
    private final ParticipantReader participants;
    private final Clock clock;

    TypingController(TypingSignals signals, SessionReader sessions, ParticipantReader participants, Clock clock) {
        this.signals = signals;
        this.sessions = sessions;
        this.participants = participants;
        this.clock = clock;
    }

    @PostMapping("/v1/agent/sessions/{sessionId}/typing")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Boolean> agentTyping(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody(required = false) @Valid TypingRequest body) {
        SessionView session = sessions.get(principal, sessionId);
        return send(principal, session, "agent", principal.subjectId(), body);
    }

    @PostMapping("/v1/human/sessions/{sessionId}/typing")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Boolean> humanTyping(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody(required = false) @Valid TypingRequest body) {
        participants.requireParticipant(principal, sessionId);
        SessionView session = sessions.find(sessionId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Session " + sessionId + " not found"));
        return send(principal, session, "human", principal.subjectId(), body);
    }

    @GetMapping(path = "/v1/agent/sessions/{sessionId}/typing", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter agentStream(Principal principal, @PathVariable UUID sessionId) {
        sessions.get(principal, sessionId);
        return signals.listen(principal, sessionId);
    }

    @GetMapping(path = "/v1/human/sessions/{sessionId}/typing", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter humanStream(Principal principal, @PathVariable UUID sessionId) {
        participants.requireParticipant(principal, sessionId);
        return signals.listen(principal, sessionId);
    }

    private Map<String, Boolean> send(
            Principal principal, SessionView session, String kind, String id, TypingRequest body) {
        signals.send(
                new TypingSignals.Signal(
                        UUID.fromString(session.id()),
                        kind,
                        id,
                        body.typing(),
                        MillisTimestamps.format(clock.instant())),
                principal.spaceId(),
                UUID.fromString(session.agentId()));
        return Map.of("typing", body.typing());
    }
}
