package dev.ledgerloop.command.channel;

import dev.ledgerloop.command.agent.AgentCommandSender;
import dev.ledgerloop.command.channel.ChannelCommand.AddChannelParticipant;
import dev.ledgerloop.command.channel.ChannelCommand.CloseChannel;
import dev.ledgerloop.command.channel.ChannelCommand.CreateChannel;
import dev.ledgerloop.command.channel.ChannelCommand.RemoveChannelParticipant;
import dev.ledgerloop.command.channel.ChannelCommand.SendChannelMessage;
import dev.ledgerloop.command.channel.ChannelState.ChannelMessage;
import dev.ledgerloop.command.channel.ChannelState.ChannelParticipant;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import jakarta.validation.Valid;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The channel endpoints that change something; reads are the query side's. A participant to be must be an agent
 * registered in the caller's space: any other id answers 404, as an unknown agent does elsewhere.
 */
@RestController
@RequestMapping("/v1/agent/channels")
class ChannelCommandController {
    private final ChannelCommandSender channels;
    private final AgentCommandSender agents;

    ChannelCommandController(ChannelCommandSender channels, AgentCommandSender agents) {
        this.channels = channels;
        this.agents = agents;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ChannelState create(Principal principal, @RequestBody @Valid ChannelRequests.CreateChannelRequest body) {
        UUID agentId = agentOf(principal);
        List<UUID> participantIds =
                body.participantIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(body.participantIds()));
        participantIds.stream().filter(id -> !id.equals(agentId)).forEach(id -> agents.require(id, principal));
        return channels.send(
                new CreateChannel(UUID.randomUUID(), agentId, body.name(), body.description(), participantIds),
                principal,
                ChannelState.class);
    }

    @PostMapping("/{channelId}/close")
    ChannelState close(Principal principal, @PathVariable UUID channelId) {
        return channels.send(new CloseChannel(channelId, agentOf(principal)), principal, ChannelState.class);
    }

    @PostMapping("/{channelId}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelParticipant addParticipant(
            Principal principal,
            @PathVariable UUID channelId,
            @RequestBody @Valid ChannelRequests.AddChannelParticipantRequest body) {
        UUID agentId = agentOf(principal);
        agents.require(body.agentId(), principal);
        return channels.send(
                new AddChannelParticipant(channelId, agentId, body.agentId()), principal, ChannelParticipant.class);
    }

    @DeleteMapping("/{channelId}/participants/{participantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeParticipant(Principal principal, @PathVariable UUID channelId, @PathVariable UUID participantId) {
        channels.send(
                new RemoveChannelParticipant(channelId, agentOf(principal), participantId), principal, Void.class);
    }

    @PostMapping("/{channelId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelMessage send(
            Principal principal,
            @PathVariable UUID channelId,
            @RequestBody @Valid ChannelRequests.SendChannelMessageRequest body) {
        String kind = body.kind() == null ? ChannelRequests.DEFAULT_KIND : body.kind();
        return channels.send(
                new SendChannelMessage(channelId, agentOf(principal), UUID.randomUUID(), kind, body.encryptedContent()),
                principal,
                ChannelMessage.class);
    }

    private static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }
}
