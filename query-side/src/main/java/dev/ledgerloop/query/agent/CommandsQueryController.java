package dev.ledgerloop.query.agent;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import java.util.List;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The calling agent's registered commands, the same array it registered; empty before its first registration. */
@RestController
@RequestMapping("/v1/agent/commands")
class CommandsQueryController {
    private final MongoCollection<Document> commands;

    CommandsQueryController(MongoDatabase database) {
        this.commands = database.getCollection(CommandsProjection.COLLECTION);
    }

    @GetMapping
    List<CommandView> list(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        Document agent = commands.find(and(
                        eq("_id", principal.subjectId()),
                        eq("spaceId", principal.spaceId().toString())))
                .first();
        if (agent == null) {
            return List.of();
        }
        return agent.getList("commands", Document.class).stream()
                .map(CommandView::of)
                .toList();
    }
}
