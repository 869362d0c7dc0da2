package dev.ledgerloop.command.session;

import dev.ledgerloop.command.human.HumanKeyDirectory;
import dev.ledgerloop.command.human.HumanKeyState;
import dev.ledgerloop.command.session.SessionCommand.RedeemGuestToken;
import dev.ledgerloop.command.session.SessionCommand.SendHumanMessage;
import dev.ledgerloop.command.session.SessionCommand.SignatureClaim;
import dev.ledgerloop.command.session.SessionCommand.SubmitResponse;
import dev.ledgerloop.command.session.SessionResources.MessageResource;
import dev.ledgerloop.command.session.SessionResources.ParticipantResource;
import dev.ledgerloop.command.session.SessionResources.ResponseResource;
import dev.ledgerloop.command.session.SessionResults.MessageAccepted;
import dev.ledgerloop.command.session.SessionResults.ParticipantChange;
import dev.ledgerloop.command.session.SessionResults.ResponseAccepted;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a human changes in a session: send, answer a pending message, and join as a guest with a
 * guest token.
 */
@RestController
@RequestMapping("/v1/human/sessions/{sessionId}")
class HumanSessionCommandController {
    private final SessionCommandSender commands;
    private final Clock clock;
    private final HumanKeyDirectory humanKeys;

    HumanSessionCommandController(SessionCommandSender commands, Clock clock, HumanKeyDirectory humanKeys) {
        this.commands = commands;
        this.humanKeys = humanKeys;
        this.clock = clock;
    }

    /** Joins the session as a guest with a token from the agent's {@code publicUrl}. */
    @PostMapping("/join")
    @ResponseStatus(HttpStatus.CREATED)
    ParticipantResource join(
            Principal principal, @PathVariable UUID sessionId, @RequestBody @Valid SessionRequests.JoinRequest body) {
        return ParticipantResource.of(commands.send(
                new RedeemGuestToken(sessionId, userOf(principal), body.token(), null, clock.instant()),
                principal,
                ParticipantChange.class));
    }

    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.CREATED)
    MessageResource send(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody @Valid SessionRequests.HumanMessageRequest body) {
        SendHumanMessage command = new SendHumanMessage(
                sessionId, userOf(principal), UUID.randomUUID(), body.encryptedContent(), body.encryptedComponents());
        return MessageResource.of(commands.send(command, principal, MessageAccepted.class));
    }

    @PostMapping("/messages/{messageId}/respond")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseResource respond(
            Principal principal,
            @PathVariable UUID sessionId,
            @PathVariable UUID messageId,
            @RequestBody @Valid SessionRequests.RespondRequest body) {
        SessionRequests.SignatureRequest signature = body.signature();
        SubmitResponse command = new SubmitResponse(
                sessionId,
                userOf(principal),
                messageId,
                UUID.randomUUID(),
                body.encryptedResponse(),
                signature == null ? null : new SignatureClaim(signature.alg(), signature.decision(), signature.value()),
                signature == null
                        ? null
                        : humanKeys
                                .keysOf(principal)
                                .map(HumanKeyState::signingPublicKey)
                                .orElse(null));
        return ResponseResource.of(commands.send(command, principal, ResponseAccepted.class));
    }

    private static String userOf(Principal principal) {
        if (principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        return principal.subjectId();
    }
}
