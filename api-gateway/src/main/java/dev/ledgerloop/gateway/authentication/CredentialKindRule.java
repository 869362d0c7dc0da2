package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import java.util.Optional;

/**
 * Which kind of credentials each part of the API takes (docs/api.md §Authentication): {@code /v1/human/**} a human's
 * Bearer token, {@code /v1/agent/**} an agent key, and provisioning keys only {@code /v1/provision/**}, which in turn
 * takes nothing else. The wrong kind for a human or agent route is 401 (these are not your credentials here); a
 * provisioning key elsewhere, or another key on a provisioning route, is 403.
 */
final class CredentialKindRule {
    private CredentialKindRule() {}

    static Optional<GatewayException> refusal(String path, Principal principal) {
        boolean provisioningRoute = under(path, "/v1/provision");
        if (principal.isProvisioning() != provisioningRoute) {
            return Optional.of(new GatewayException(
                    ErrorCode.FORBIDDEN,
                    provisioningRoute
                            ? "Only provisioning keys (hlp_prov_...) may call /v1/provision"
                            : "A provisioning key may only call /v1/provision"));
        }
        if (under(path, "/v1/human") && !principal.isHuman()) {
            return Optional.of(new GatewayException(
                    ErrorCode.UNAUTHENTICATED, "/v1/human takes a human's token: Authorization: Bearer <JWT>"));
        }
        if (under(path, "/v1/agent") && !principal.isAgent()) {
            return Optional.of(new GatewayException(
                    ErrorCode.UNAUTHENTICATED, "/v1/agent takes an agent's API key in the X-API-Key header"));
        }
        return Optional.empty();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
