package dev.ledgerloop.command.session;

import java.time.Instant;
import java.util.Objects;

/** What the Session aggregate remembers of a guest token to decide whether it still admits someone. */
final class GuestTokenState {
    final String tokenHash;
    final Integer maxUses;
    final Instant expiresAt;
    int uses;
    boolean revoked;

    GuestTokenState(String tokenHash, Integer maxUses, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.maxUses = maxUses;
        this.expiresAt = expiresAt;
    }

    /** Why the token admits no one at {@code now}, or null when it does. */
    String refusal(Instant now) {
        if (revoked) {
            return "was revoked";
        }
        if (maxUses != null && uses >= maxUses) {
            return "is used up";
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return "has expired";
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof GuestTokenState)) {
            return false;
        }
        GuestTokenState that = (GuestTokenState) other;
        return tokenHash.equals(that.tokenHash)
                && Objects.equals(maxUses, that.maxUses)
                && Objects.equals(expiresAt, that.expiresAt)
                && uses == that.uses
                && revoked == that.revoked;
    }

    @Override
    public int hashCode() {
        return tokenHash.hashCode();
    }
}
