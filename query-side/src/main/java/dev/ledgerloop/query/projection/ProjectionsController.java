package dev.ledgerloop.query.projection;

import dev.ledgerloop.platform.error.ApiError;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.SpaceOwners;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The processors of the whole deployment and rebuilds of the views (docs/replay.md §Rebuild). Deployment-wide, not per
 * space: the owner of the bootstrap key's space is the operator.
 */
@RestController
@RequestMapping("/v1/admin/projections")
class ProjectionsController {
    private final Rebuilds rebuilds;
    private final ProcessorStatuses statuses;

    ProjectionsController(Rebuilds rebuilds, ProcessorStatuses statuses) {
        this.rebuilds = rebuilds;
        this.statuses = statuses;
    }

    @GetMapping
    ProcessorStatuses.Listing list(Principal principal) {
        SpaceOwners.requireOwner(principal);
        return statuses.list();
    }

    /** Starts a rebuild of one view, or of every view with {@code all}; 202 with its progress. */
    @PostMapping("/{name}/rebuild")
    ResponseEntity<RebuildProgress> rebuild(Principal principal, @PathVariable String name) {
        SpaceOwners.requireOwner(principal);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(name));
    }

    /** The error body, with the running rebuild's progress next to it. */
    record RebuildConflict(ApiError.Detail error, RebuildProgress rebuild) {}

    @ExceptionHandler(Rebuilds.RebuildRunning.class)
    ResponseEntity<RebuildConflict> running(Rebuilds.RebuildRunning running) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new RebuildConflict(
                        ApiError.of(ErrorCode.CONFLICT, running.getMessage()).error(), running.running()));
    }
}
