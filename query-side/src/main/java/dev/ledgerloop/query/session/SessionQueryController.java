package dev.ledgerloop.query.session;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.query.shredding.Erasure;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading sessions (docs/api.md §Sessions): this agent's list, filtered and paginated, and one session. */
@RestController
@RequestMapping("/v1/agent/sessions")
class SessionQueryController {
    private static final Set<String> STATUSES = Set.of("Active", "Closed", "Archived", Erasure.STATUS);

    private final SessionReader reader;

    SessionQueryController(SessionReader reader) {
        this.reader = reader;
    }

    @GetMapping
    Page<SessionView> list(
            Principal principal,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String isPublic,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return reader.list(
                principal,
                QueryParameters.optionalOneOf("status", status, STATUSES),
                QueryParameters.optionalBoolean("isPublic", isPublic),
                PageRequest.of(page, pageSize));
    }

    @GetMapping("/{sessionId}")
    SessionView get(Principal principal, @PathVariable UUID sessionId) {
        return reader.get(principal, sessionId);
    }
}
