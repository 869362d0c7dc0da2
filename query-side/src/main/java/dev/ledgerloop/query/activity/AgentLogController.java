package dev.ledgerloop.query.activity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.web.Callers;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the entries agents wrote to their logs (docs/api.md §Agent activity log), newest first: an agent its own, the
 * space owner every agent's of the space, or one agent's with {@code agentId}.
 */
@RestController
class AgentLogController {
    private final MongoCollection<Document> entries;

    AgentLogController(MongoDatabase database) {
        this.entries = database.getCollection(AgentLogProjection.COLLECTION);
    }

    @GetMapping("/v1/agent/activity")
    @Operation(summary = "The agent's own activity entries", description = "A page, newest first")
    Page<AgentLogEntries.Activity> ownActivity(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return own(principal, AgentLogEntries.ACTIVITY, page, pageSize, AgentLogEntries.Activity::of);
    }

    @GetMapping("/v1/agent/comms")
    @Operation(summary = "The agent's own communication entries", description = "A page, newest first")
    Page<AgentLogEntries.Communication> ownComms(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return own(principal, AgentLogEntries.COMM, page, pageSize, AgentLogEntries.Communication::of);
    }

    @GetMapping("/v1/agent/telemetry")
    @Operation(summary = "The agent's own telemetry entries", description = "A page, newest first")
    Page<AgentLogEntries.Telemetry> ownTelemetry(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return own(principal, AgentLogEntries.TELEMETRY, page, pageSize, AgentLogEntries.Telemetry::of);
    }

    @GetMapping("/v1/admin/activity")
    @Operation(
            summary = "The activity entries of the space's agents",
            description = "Space owner only; a page, newest first; agentId= keeps one agent's (a UUID, else 400)")
    Page<AgentLogEntries.Activity> activity(
            Principal principal,
            @RequestParam(required = false) String agentId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return space(principal, AgentLogEntries.ACTIVITY, agentId, page, pageSize, AgentLogEntries.Activity::of);
    }

    @GetMapping("/v1/admin/comms")
    @Operation(
            summary = "The communication entries of the space's agents",
            description = "Space owner only; a page, newest first; agentId= keeps one agent's (a UUID, else 400)")
    Page<AgentLogEntries.Communication> comms(
            Principal principal,
            @RequestParam(required = false) String agentId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return space(principal, AgentLogEntries.COMM, agentId, page, pageSize, AgentLogEntries.Communication::of);
    }

    @GetMapping("/v1/admin/telemetry")
    @Operation(
            summary = "The telemetry entries of the space's agents",
            description = "Space owner only; a page, newest first; agentId= keeps one agent's (a UUID, else 400)")
    Page<AgentLogEntries.Telemetry> telemetry(
            Principal principal,
            @RequestParam(required = false) String agentId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        return space(principal, AgentLogEntries.TELEMETRY, agentId, page, pageSize, AgentLogEntries.Telemetry::of);
    }

    private <T> Page<T> own(
            Principal principal, String kind, String page, String pageSize, Function<Document, T> entry) {
        UUID agentId = Callers.agentId(principal);
        return list(principal, kind, agentId.toString(), PageRequest.of(page, pageSize), entry);
    }

    private <T> Page<T> space(
            Principal principal,
            String kind,
            String agentId,
            String page,
            String pageSize,
            Function<Document, T> entry) {
        SpaceOwners.requireOwner(principal);
        return list(principal, kind, agentId == null ? null : uuid(agentId), PageRequest.of(page, pageSize), entry);
    }

    private <T> Page<T> list(
            Principal principal, String kind, String agentId, PageRequest page, Function<Document, T> entry) {
        List<Bson> conditions =
                new ArrayList<>(List.of(eq("spaceId", principal.spaceId().toString()), eq("kind", kind)));
        if (agentId != null) {
            conditions.add(eq("agentId", agentId));
        }
        Bson filter = and(conditions);
        List<T> data = new ArrayList<>();
        entries.find(filter)
                .sort(Sorts.orderBy(
                        Sorts.descending("createdAt"), Sorts.descending("sequence"), Sorts.ascending("_id")))
                .skip(page.skip())
                .limit(page.pageSize())
                .forEach(document -> data.add(entry.apply(document)));
        return new Page<>(data, entries.countDocuments(filter), page.page(), page.pageSize());
    }

    private static String uuid(String agentId) {
        try {
            return UUID.fromString(agentId.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("Parameter 'agentId' must be an agent id (UUID)");
        }
    }
}
