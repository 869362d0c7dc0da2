package dev.ledgerloop.sdk;

import java.time.Instant;

/**
 * A guest token of a session.
 *
 * @param id the token's id (to revoke it)
 * @param sessionId its session
 * @param token the secret token, only in the answer to its creation (null in lists)
 * @param publicUrl the link to hand to the guest, only in the answer to its creation
 * @param maxUses how often it may be redeemed, or null
 * @param uses how often it has been
 * @param expiresAt when it expires, or null
 * @param revoked whether it was revoked
 * @param createdAt when it was made
 */
public record GuestToken(
        String id,
        String sessionId,
        String token,
        String publicUrl,
        Integer maxUses,
        int uses,
        Instant expiresAt,
        boolean revoked,
        Instant createdAt) {
    /** Names the token by id only: the secret is never printed. */
    @Override
    public String toString() {
        return "GuestToken[id=" + id + ", sessionId=" + sessionId + ", uses=" + uses + ", revoked=" + revoked + "]";
    }
}
