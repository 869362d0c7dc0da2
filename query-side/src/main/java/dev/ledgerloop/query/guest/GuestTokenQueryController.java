package dev.ledgerloop.query.guest;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.session.SessionReader;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A session's guest tokens, for its agent; the tokens themselves were shown once, at creation. */
@RestController
class GuestTokenQueryController {
    private final SessionReader sessions;
    private final GuestTokenReader tokens;

    GuestTokenQueryController(SessionReader sessions, GuestTokenReader tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @GetMapping("/v1/agent/sessions/{sessionId}/guest-tokens")
    Page<GuestTokenReader.GuestToken> list(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        sessions.get(principal, sessionId);
        return tokens.list(sessionId, PageRequest.of(page, pageSize));
    }
}
