package dev.ledgerloop.service.web;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;

/** The backends' check of the caller's kind on {@code /v1/agent} and {@code /v1/human} routes (403 otherwise). */
public final class Callers {
    private Callers() {}

    /** The calling agent's id. */
    public static UUID agentId(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }

    public static void requireHuman(Principal principal) {
        if (!principal.isHuman()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
    }
}
