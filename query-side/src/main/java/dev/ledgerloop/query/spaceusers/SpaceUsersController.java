package dev.ledgerloop.query.spaceusers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.live.LiveConnections;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.web.Callers;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The humans of the agent's space and whether one is available (docs/api.md §Space users). */
@RestController
class SpaceUsersController {
    private static final Set<String> ROLES =
            Arrays.stream(ParticipantRole.values()).map(Enum::name).collect(Collectors.toSet());

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> availability;
    private final LiveConnections connections;
    private final Clock clock;

    SpaceUsersController(MongoDatabase database, LiveConnections connections, Clock clock) {
        this.users = database.getCollection(SpaceUsersProjection.USERS);
        this.availability = database.getCollection(SpaceUsersProjection.AVAILABILITY);
        this.connections = connections;
        this.clock = clock;
    }

    /** Teams are not modelled: the list is always empty. */
    record Team(String id, String name) {}

    /**
     * @param status what the human set ({@code available}, {@code busy}, {@code away}); null if never set or past its
     *     {@code until}
     * @param connected whether they hold a live stream open now (on the instance that answers)
     * @param available {@code status} is {@code available}, or no status is in force and they are connected
     */
    record Availability(
            String userId,
            boolean available,
            String status,
            Instant until,
            Instant setAt,
            boolean connected,
            Instant lastActivityAt) {}

    @GetMapping("/v1/agent/space/users")
    @Operation(
            summary = "The humans known in the agent's space",
            description = "A page of {userId, kind: human|guest, name, roles, keysRegistered, firstSeenAt,"
                    + " lastActivityAt}, first seen first; role= keeps those ever given that role. Known: participants"
                    + " of the space's sessions and humans who registered keys or set their availability.")
    Page<SpaceUser> users(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize,
            @RequestParam(required = false) String role) {
        Callers.agentId(principal);
        PageRequest request = PageRequest.of(page, pageSize);
        Bson filter = eq("spaceId", principal.spaceId().toString());
        if (QueryParameters.optionalOneOf("role", role, ROLES) != null) {
            filter = and(filter, eq("roles", role));
        }
        List<SpaceUser> data = new ArrayList<>();
        users.find(filter)
                .sort(Sorts.orderBy(Sorts.ascending("firstSeenAt"), Sorts.ascending("_id")))
                .skip(request.skip())
                .limit(request.pageSize())
                .forEach(document -> data.add(SpaceUser.of(document)));
        return new Page<>(data, users.countDocuments(filter), request.page(), request.pageSize());
    }

    @GetMapping("/v1/agent/space/teams")
    @Operation(
            summary = "The teams of the agent's space",
            description = "Teams are not modelled yet: always an empty page")
    Page<Team> teams(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        Callers.agentId(principal);
        PageRequest request = PageRequest.of(page, pageSize);
        return new Page<>(List.of(), 0, request.page(), request.pageSize());
    }

    @GetMapping("/v1/agent/users/{userId}/availability")
    @Operation(
            summary = "Whether a human of the space is available for interactions",
            description = "{userId, available, status, until, setAt, connected, lastActivityAt}; a user the space does"
                    + " not know: 404")
    Availability availability(Principal principal, @PathVariable String userId) {
        Callers.agentId(principal);
        String id = SpaceUsersProjection.id(principal.spaceId(), userId);
        Document user = users.find(eq("_id", id)).first();
        if (user == null) {
            throw ApiException.notFound("User " + userId + " is not known in this space");
        }
        Document set = availability.find(eq("_id", id)).first();
        Instant until = set == null ? null : Views.instant(set.get("until"));
        boolean inForce = set != null && (until == null || until.isAfter(clock.instant()));
        String status = inForce ? set.getString("status") : null;
        boolean connected = connections.holdsOpen(Principal.human(principal.spaceId(), userId));
        return new Availability(
                userId,
                status == null ? connected : status.equals("available"),
                status,
                inForce ? until : null,
                set == null ? null : Views.instant(set.get("setAt")),
                connected,
                Views.instant(user.get("lastActivityAt")));
    }
}
