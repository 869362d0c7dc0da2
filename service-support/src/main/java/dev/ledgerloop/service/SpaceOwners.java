package dev.ledgerloop.service;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;

/**
 * Who may administer a space (docs/api.md §Webhooks: the space owner key). For now the owner is the agent acting
 * through the gateway's bootstrap key; admin JWTs come later, and only this class changes then.
 */
public final class SpaceOwners {
    public static final String BOOTSTRAP_KEY_ID = "bootstrap";

    private SpaceOwners() {}

    public static void requireOwner(Principal principal) {
        if (!principal.isAgent() || !BOOTSTRAP_KEY_ID.equals(principal.keyId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the space owner may do this");
        }
    }
}
