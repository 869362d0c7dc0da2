package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.principal.CredentialKinds;
import dev.ledgerloop.platform.principal.Principal;
import java.util.Optional;

/** The gateway's side of {@link CredentialKinds}: a refusal as the gateway answers it. */
final class CredentialKindRule {
    private CredentialKindRule() {}

    static Optional<GatewayException> refusal(String path, Principal principal) {
        return CredentialKinds.refusal(path, principal)
                .map(refusal -> new GatewayException(refusal.code(), refusal.message()));
    }
}
