package dev.ledgerloop.fuzz;

import java.util.EnumSet;
import java.util.Set;

/** The credential a route takes, by its path prefix (docs/api.md §Which credentials where). */
enum RouteKind {
    AGENT("/v1/agent/", EnumSet.of(Credential.OWNER_KEY, Credential.AGENT_KEY)),
    HUMAN("/v1/human/", EnumSet.of(Credential.HUMAN, Credential.HUMAN_OTHER_SPACE)),
    PROVISION("/v1/provision/", EnumSet.of(Credential.PROVISIONING_KEY)),
    ADMIN("/v1/admin/", EnumSet.of(Credential.OWNER_KEY)),
    /** The public guest routes take no credential: each request acts as a new guest; the guest token decides. */
    PUBLIC("/v1/public/", EnumSet.allOf(Credential.class));

    private final String prefix;
    private final Set<Credential> takes;

    RouteKind(String prefix, Set<Credential> takes) {
        this.prefix = prefix;
        this.takes = takes;
    }

    static RouteKind of(String path) {
        for (RouteKind kind : values()) {
            if (path.startsWith(kind.prefix)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("A path outside the credential table: " + path);
    }

    boolean takes(Credential credential) {
        return takes.contains(credential);
    }

    /** The credential a well-formed request of this kind is sent with. */
    Credential usual() {
        return takes.iterator().next();
    }
}
