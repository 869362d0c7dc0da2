package dev.ledgerloop.query.invocation;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.service.ApiException;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An agent polls the invocations of its commands (docs/api.md §Commands), filtered by status and paginated. */
@RestController
@RequestMapping("/v1/agent/invocations")
class InvocationQueryController {
    static final Set<String> STATUSES = Set.of("Pending", "Completed", "Failed", "Cancelled", "Expired");

    private final InvocationReader reader;

    InvocationQueryController(InvocationReader reader) {
        this.reader = reader;
    }

    @GetMapping
    Page<InvocationView> list(
            Principal principal,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return reader.list(
                agent(principal),
                QueryParameters.optionalOneOf("status", status, STATUSES),
                PageRequest.of(page, pageSize));
    }

    @GetMapping("/{invocationId}")
    InvocationView get(Principal principal, @PathVariable UUID invocationId) {
        return reader.get(agent(principal), invocationId);
    }

    private static Principal agent(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return principal;
    }
}
