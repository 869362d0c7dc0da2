package dev.ledgerloop.query.guest;

import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.session.SessionReader;
import dev.ledgerloop.query.session.SessionView;
import dev.ledgerloop.service.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a session's public link shows before joining, to whoever holds a valid guest token of it (sent in the
 * {@code X-Guest-Token} header, never in the path or query, which logs keep). The gateway makes the caller a new guest of
 * the space named in the path.
 */
@RestController
class PublicSessionController {
    static final String TOKEN_HEADER = "X-Guest-Token";
    private static final int MAX_TOKEN = 100;

    private final SessionReader sessions;
    private final GuestTokenReader tokens;
    private final Clock clock;

    PublicSessionController(SessionReader sessions, GuestTokenReader tokens, Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The public view of a session: what a guest link leads to. */
    record PublicSession(
            String sessionId,
            String status,
            Map<String, Object> encryptedTitle,
            String agentId,
            Instant createdAt,
            GuestTokenState guestToken) {}

    /** How much longer, and how many more times, the link admits someone. */
    record GuestTokenState(Instant expiresAt, Integer usesLeft) {}

    @GetMapping("/v1/public/spaces/{spaceId}/sessions/{sessionId}")
    PublicSession preview(
            Principal principal,
            @PathVariable UUID spaceId,
            @PathVariable UUID sessionId,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw ApiException.validation("Header '" + TOKEN_HEADER + "' must hold the guest token of the link");
        }
        if (!spaceId.equals(principal.spaceId())) {
            throw ApiException.notFound("No such session: " + sessionId);
        }
        GuestTokenReader.GuestToken guestToken = tokens.byHash(spaceId, sessionId, Sha256Hex.of(token.strip()))
                .orElseThrow(() -> ApiException.notFound("No such guest link for session " + sessionId));
        SessionView session = sessions.find(sessionId)
                .filter(found -> found.erased() == null)
                .orElseThrow(() -> ApiException.notFound("No such session: " + sessionId));
        Instant now = clock.instant();
        if (!guestToken.validAt(now)) {
            throw ApiException.conflict("This guest link " + refusal(guestToken, now));
        }
        if (!"Active".equals(session.status())) {
            throw ApiException.conflict("Session " + sessionId + " is " + session.status() + " and admits no guests");
        }
        Integer usesLeft = guestToken.maxUses() == null ? null : guestToken.maxUses() - guestToken.uses();
        return new PublicSession(
                session.id(),
                session.status(),
                session.encryptedTitle(),
                session.agentId(),
                session.createdAt(),
                new GuestTokenState(guestToken.expiresAt(), usesLeft));
    }

    private static String refusal(GuestTokenReader.GuestToken token, Instant now) {
        if (token.revoked()) {
            return "was revoked";
        }
        if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
            return "has expired";
        }
        return "is used up";
    }
}
