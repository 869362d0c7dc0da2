package dev.ledgerloop.query.parked;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.parking.ParkedEventView;
import dev.ledgerloop.service.parking.ParkedEvents;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The space owner's view of the events the processors of both backends parked (docs/replay.md). Retry and evict act
 * on the shared {@code parked_events} collection; the backend that runs the letter's processor does the retry.
 */
@RestController
@RequestMapping("/v1/admin/parked-events")
class ParkedEventsController {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final ParkedEvents parkedEvents;

    ParkedEventsController(ParkedEvents parkedEvents) {
        this.parkedEvents = parkedEvents;
    }

    /** Newest first; {@code before} is the id of the last letter of the previous page. */
    @GetMapping
    ParkedEvents.Page list(
            Principal principal,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        SpaceOwners.requireOwner(principal);
        return parkedEvents.list(
                principal.spaceId().toString(),
                QueryParameters.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                before);
    }

    /** Asks the letter's processor to handle its sequence again, from this letter on. */
    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ParkedEventView retry(Principal principal, @PathVariable String id) {
        SpaceOwners.requireOwner(principal);
        return parkedEvents.requestRetry(principal.spaceId().toString(), id);
    }

    /** Drops the letter for good; the letters waiting behind it are retried. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void evict(Principal principal, @PathVariable String id) {
        SpaceOwners.requireOwner(principal);
        parkedEvents.evict(principal.spaceId().toString(), id);
    }
}
