package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.RedeemGuestToken;
import dev.ledgerloop.command.session.SessionResults.ParticipantChange;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.GuestAccessTokens;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Joining a session through its public link, without an account: the gateway makes each such request a new guest of
 * the space ({@code guest-<uuid>}); a valid guest token admits them under the display name they chose, and the answer
 * carries the access token (shown only here) with which they go on as any human on {@code /v1/human/**}.
 */
@RestController
@RequestMapping("/v1/public/spaces/{spaceId}/sessions/{sessionId}")
class PublicGuestController {
    static final Duration ACCESS = Duration.ofHours(12);

    private final SessionCommandSender commands;
    private final GuestAccessTokens accessTokens;
    private final Clock clock;

    PublicGuestController(SessionCommandSender commands, GuestAccessTokens accessTokens, Clock clock) {
        this.commands = commands;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    /** A guest's access: shown once, at joining. */
    record GuestAccessResource(
            UUID sessionId, String userId, ParticipantRole role, String name, String accessToken, Instant expiresAt) {}

    @PostMapping("/join")
    @ResponseStatus(HttpStatus.CREATED)
    GuestAccessResource join(
            Principal principal,
            @PathVariable UUID spaceId,
            @PathVariable UUID sessionId,
            @RequestBody @Valid SessionRequests.PublicJoinRequest body) {
        if (!principal.isHuman()
                || !Principal.isGuestId(principal.subjectId())
                || !spaceId.equals(principal.spaceId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "/v1/public acts only as a new guest");
        }
        Instant now = clock.instant();
        String name = body.name().strip();
        ParticipantChange joined = commands.send(
                new RedeemGuestToken(sessionId, principal.subjectId(), body.token(), name, now),
                principal,
                ParticipantChange.class);
        Instant expiresAt = now.plus(ACCESS).truncatedTo(ChronoUnit.SECONDS);
        String accessToken =
                accessTokens.mint(new GuestAccessTokens.Claims(spaceId, joined.userId(), sessionId, expiresAt));
        return new GuestAccessResource(sessionId, joined.userId(), joined.role(), name, accessToken, expiresAt);
    }
}
