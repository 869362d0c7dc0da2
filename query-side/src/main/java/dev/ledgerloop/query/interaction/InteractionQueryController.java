package dev.ledgerloop.query.interaction;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.session.SessionReader;
import dev.ledgerloop.query.session.SessionView;
import dev.ledgerloop.query.timeline.SessionAwaits;
import dev.ledgerloop.query.timeline.TimelineReader;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Reading legacy interactions (docs/api.md §Legacy interactions) from the session views: the {@code sessions} view
 * knows which sessions are interactions, the {@code timeline} view holds their requests and answers. The await is
 * the session await, waiting for the interaction to leave {@code pending}.
 */
@RestController
@RequestMapping("/v1/agent/interactions")
class InteractionQueryController {
    private final SessionReader sessions;
    private final TimelineReader timeline;
    private final SessionAwaits awaits;

    InteractionQueryController(SessionReader sessions, TimelineReader timeline, SessionAwaits awaits) {
        this.sessions = sessions;
        this.timeline = timeline;
        this.awaits = awaits;
    }

    /** Newest first; an interaction whose request the timeline does not show yet is left out of the page. */
    @GetMapping
    Page<InteractionView> list(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        Page<SessionView> found = sessions.listInteractions(principal, PageRequest.of(page, pageSize));
        List<InteractionView> data = new ArrayList<>();
        found.data().forEach(session -> view(session).ifPresent(data::add));
        return new Page<>(data, found.total(), found.page(), found.pageSize());
    }

    @GetMapping("/{interactionId}")
    InteractionView get(Principal principal, @PathVariable UUID interactionId) {
        return view(sessions.getInteraction(principal, interactionId)).orElseThrow(() -> notFound(interactionId));
    }

    /** 200 with the interaction once it is no longer pending (answered, cancelled, expired ...), 204 at the timeout. */
    @GetMapping("/{interactionId}/await")
    DeferredResult<ResponseEntity<Object>> await(
            Principal principal, @PathVariable UUID interactionId, @RequestParam(required = false) String timeoutMs) {
        int timeout = SessionAwaits.timeoutMillis(timeoutMs);
        sessions.getInteraction(principal, interactionId);
        Supplier<Optional<?>> settled =
                () -> sessions.find(interactionId).flatMap(this::view).filter(InteractionView::settled);
        return awaits.await(principal, interactionId, timeout, settled, SessionAwaits::viewOnly);
    }

    /** The interaction's session timeline: its request, further messages and blocks, the answer, lifecycle items. */
    @GetMapping("/{interactionId}/messages")
    Object messages(
            Principal principal,
            @PathVariable UUID interactionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        sessions.getInteraction(principal, interactionId);
        return timeline.read(interactionId, page, pageSize, limit, before);
    }

    private Optional<InteractionView> view(SessionView session) {
        return timeline.firstMessage(UUID.fromString(session.id())).map(first -> InteractionView.of(session, first));
    }

    private static ApiException notFound(UUID interactionId) {
        return new ApiException(ErrorCode.NOT_FOUND, "Interaction " + interactionId + " not found");
    }
}
