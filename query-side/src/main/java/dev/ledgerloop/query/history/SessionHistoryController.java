package dev.ledgerloop.query.history;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A session as it stood at an instant or an event, its event list and who could answer when (docs/api.md §Session
 * history): for the space owner, and the history also for the session's agent.
 */
@RestController
class SessionHistoryController {
    private final SessionHistory history;

    SessionHistoryController(SessionHistory history) {
        this.history = history;
    }

    @GetMapping("/v1/admin/sessions/{sessionId}/history")
    SessionHistoryView adminHistory(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) String atEvent) {
        return history.history(principal, sessionId, HistoryAccess.SPACE_OWNER, Cutoff.of(at, atEvent));
    }

    @GetMapping("/v1/agent/sessions/{sessionId}/history")
    SessionHistoryView agentHistory(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) String atEvent) {
        return history.history(principal, sessionId, HistoryAccess.OWNING_AGENT, Cutoff.of(at, atEvent));
    }

    @GetMapping("/v1/admin/sessions/{sessionId}/events")
    Page<LoggedEvent> events(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return history.events(principal, sessionId, PageRequest.of(page, pageSize));
    }

    @GetMapping("/v1/admin/sessions/{sessionId}/authority")
    Authority authority(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String userId,
            @RequestParam(required = false) String at) {
        if (userId == null || userId.isBlank() || userId.length() > 200) {
            throw ApiException.validation("Parameter 'userId' is required: a user id of 1 to 200 characters");
        }
        return history.authority(principal, sessionId, userId, Cutoff.of(at, null));
    }
}
