package dev.ledgerloop.platform.principal;

import dev.ledgerloop.platform.error.ErrorCode;
import java.util.Optional;

/**
 * Which kind of principal each part of the API takes (docs/api.md §Which credentials where): {@code /v1/human/**} a
 * human, {@code /v1/agent/**} an agent, and provisioning keys only {@code /v1/provision/**}, which in turn takes
 * nothing else. The gateway applies it to the path it routes; the backends apply it again to the decoded path they
 * dispatch on, so that no spelling of a path can carry one kind of credential onto another kind's routes.
 */
public final class CredentialKinds {
    /** Why a principal may not call a path: the error code and the message of the answer. */
    public record Refusal(ErrorCode code, String message) {}

    private CredentialKinds() {}

    public static Optional<Refusal> refusal(String path, Principal principal) {
        boolean provisioningRoute = under(path, "/v1/provision");
        if (principal.isProvisioning() != provisioningRoute) {
            return Optional.of(new Refusal(
                    ErrorCode.FORBIDDEN,
                    provisioningRoute
                            ? "Only provisioning keys (hlp_prov_...) may call /v1/provision"
                            : "A provisioning key may only call /v1/provision"));
        }
        if (under(path, "/v1/human") && !principal.isHuman()) {
            return Optional.of(new Refusal(
                    ErrorCode.UNAUTHENTICATED, "/v1/human takes a human's token: Authorization: Bearer <JWT>"));
        }
        if (under(path, "/v1/public") && !(principal.isHuman() && Principal.isGuestId(principal.subjectId()))) {
            return Optional.of(new Refusal(ErrorCode.FORBIDDEN, "/v1/public acts only as a new guest"));
        }
        if (under(path, "/v1/agent") && !principal.isAgent()) {
            return Optional.of(new Refusal(
                    ErrorCode.UNAUTHENTICATED, "/v1/agent takes an agent's API key in the X-API-Key header"));
        }
        return Optional.empty();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
