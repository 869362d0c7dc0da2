package dev.ledgerloop.query.participant;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.session.SessionReader;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A session's participants, for its agent (docs/api.md §Sessions). */
@RestController
class ParticipantQueryController {
    private final SessionReader sessions;
    private final ParticipantReader participants;

    ParticipantQueryController(SessionReader sessions, ParticipantReader participants) {
        this.sessions = sessions;
        this.participants = participants;
    }

    @GetMapping("/v1/agent/sessions/{sessionId}/participants")
    Page<ParticipantReader.Participant> list(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        sessions.get(principal, sessionId);
        return participants.list(sessionId, PageRequest.of(page, pageSize));
    }
}
