package dev.ledgerloop.query.channel;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An agent reads the channels it takes part in (docs/api.md §Channels). */
@RestController
@RequestMapping("/v1/agent/channels")
class ChannelQueryController {
    private final ChannelReader reader;

    ChannelQueryController(ChannelReader reader) {
        this.reader = reader;
    }

    @GetMapping
    Page<ChannelView> list(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return reader.list(agent(principal), PageRequest.of(page, pageSize));
    }

    @GetMapping("/{channelId}")
    ChannelView get(Principal principal, @PathVariable UUID channelId) {
        return reader.get(agent(principal), channelId);
    }

    @GetMapping("/{channelId}/participants")
    Map<String, List<ChannelView.Participant>> participants(Principal principal, @PathVariable UUID channelId) {
        return Map.of("data", reader.participants(agent(principal), channelId));
    }

    @GetMapping("/{channelId}/messages")
    ChannelReader.Messages messages(
            Principal principal,
            @PathVariable UUID channelId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        return reader.messages(agent(principal), channelId, limit, before);
    }

    private static Principal agent(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return principal;
    }
}
