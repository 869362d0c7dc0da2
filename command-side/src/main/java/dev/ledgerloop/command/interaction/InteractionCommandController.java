package dev.ledgerloop.command.interaction;

import dev.ledgerloop.command.interaction.InteractionRequests.CreateInteractionRequest;
import dev.ledgerloop.command.interaction.InteractionRequests.PushBlocksRequest;
import dev.ledgerloop.command.interaction.InteractionResources.InteractionResource;
import dev.ledgerloop.command.interaction.InteractionResources.OutcomeResource;
import dev.ledgerloop.command.session.InteractionSessions;
import dev.ledgerloop.command.session.SessionRequests.SendMessageRequest;
import dev.ledgerloop.command.session.SessionResources.MessageResource;
import dev.ledgerloop.platform.principal.Principal;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The legacy interaction endpoints that change something (docs/api.md §Legacy interactions): each is a session
 * command, so an interaction's events are its session's. Reads are the query side's.
 */
@RestController
@RequestMapping("/v1/agent/interactions")
class InteractionCommandController {
    private final InteractionSessions sessions;

    InteractionCommandController(InteractionSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    InteractionResource create(Principal principal, @RequestBody @Valid CreateInteractionRequest body) {
        String type = body.typeOrDefault();
        return InteractionResource.of(
                type,
                sessions.open(principal, type, body.encryptedTitle(), body.requireSignedAnswers(), body.request()));
    }

    @PostMapping("/{interactionId}/cancel")
    OutcomeResource cancel(Principal principal, @PathVariable UUID interactionId) {
        return OutcomeResource.of(sessions.cancel(principal, interactionId), "cancelled");
    }

    @PostMapping("/{interactionId}/acknowledge")
    OutcomeResource acknowledge(Principal principal, @PathVariable UUID interactionId) {
        return OutcomeResource.of(sessions.acknowledge(principal, interactionId), "acknowledged");
    }

    @PostMapping("/{interactionId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    MessageResource send(
            Principal principal, @PathVariable UUID interactionId, @RequestBody @Valid SendMessageRequest body) {
        return sessions.send(principal, interactionId, body);
    }

    @PostMapping("/{interactionId}/blocks")
    @ResponseStatus(HttpStatus.CREATED)
    MessageResource pushBlocks(
            Principal principal, @PathVariable UUID interactionId, @RequestBody @Valid PushBlocksRequest body) {
        return sessions.send(principal, interactionId, body.message());
    }
}
