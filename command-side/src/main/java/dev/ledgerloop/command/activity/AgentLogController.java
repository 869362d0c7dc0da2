package dev.ledgerloop.command.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.command.activity.AgentLog.AppendEntry;
import dev.ledgerloop.command.session.OwnSessions;
import dev.ledgerloop.events.agentlog.ActivityLogged;
import dev.ledgerloop.events.agentlog.AgentLogContent;
import dev.ledgerloop.events.agentlog.AgentLogEvent;
import dev.ledgerloop.events.agentlog.CommunicationLogged;
import dev.ledgerloop.events.agentlog.TelemetryPushed;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import dev.ledgerloop.service.web.Callers;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An agent writes to its own log (docs/api.md §Agent activity log): each entry one event on {@code agentlog-<agentId>},
 * encrypted at rest like every event. The free text of an entry that names a session (which must be the agent's own)
 * is sealed under that session's key, so shredding the session erases it. Reading the log is the query side's.
 */
@RestController
class AgentLogController {
    private static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;
    private final OwnSessions sessions;
    private final SessionSeals seals;

    AgentLogController(CommandGateway commands, OwnSessions sessions, SessionSeals seals) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
        this.sessions = sessions;
        this.seals = seals;
    }

    /** What a write answers: the entry's id and kind. */
    record Logged(UUID id, String kind) {}

    @PostMapping("/v1/agent/activity")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Logs something the agent did",
            description = "201 {id, kind: activity}; action 1-100 characters, description up to 4,000, details a JSON"
                    + " object up to 8 KiB; otherwise 400 naming the field. A sessionId must name the agent's own"
                    + " session (else 404); description and details are then erased when it is shredded.")
    Logged activity(Principal principal, @RequestBody @Valid AgentLogRequests.ActivityRequest body) {
        UUID agentId = Callers.agentId(principal);
        if (body.details() != null
                && body.details().toString().getBytes(StandardCharsets.UTF_8).length
                        > AgentLogRequests.MAX_DETAILS_BYTES) {
            throw ApiException.validation(
                    "Field 'details' must be at most " + AgentLogRequests.MAX_DETAILS_BYTES + " bytes as JSON");
        }
        UUID entryId = UUID.randomUUID();
        if (body.sessionId() == null) {
            return append(
                    principal,
                    "activity",
                    new ActivityLogged(
                            agentId, entryId, body.action(), body.description(), null, body.details(), null));
        }
        ObjectNode text = AgentLogContent.text().put("description", body.description());
        text.set("details", body.details());
        return append(
                principal,
                "activity",
                new ActivityLogged(
                        agentId,
                        entryId,
                        body.action(),
                        null,
                        body.sessionId(),
                        null,
                        sealed(principal, agentId, entryId, body.sessionId(), text)));
    }

    @PostMapping("/v1/agent/comms")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Logs a communication the agent had outside Ledgerloop",
            description = "201 {id, kind: comm}; channel 1-100 characters, direction inbound or outbound, counterpart"
                    + " up to 200, summary up to 4,000; otherwise 400 naming the field. A sessionId must name the agent's"
                    + " own session (else 404); counterpart and summary are then erased when it is shredded.")
    Logged comm(Principal principal, @RequestBody @Valid AgentLogRequests.CommunicationRequest body) {
        UUID agentId = Callers.agentId(principal);
        UUID entryId = UUID.randomUUID();
        if (body.sessionId() == null) {
            return append(
                    principal,
                    "comm",
                    new CommunicationLogged(
                            agentId,
                            entryId,
                            body.channel(),
                            body.direction(),
                            body.counterpart(),
                            body.summary(),
                            null,
                            null));
        }
        ObjectNode text =
                AgentLogContent.text().put("counterpart", body.counterpart()).put("summary", body.summary());
        return append(
                principal,
                "comm",
                new CommunicationLogged(
                        agentId,
                        entryId,
                        body.channel(),
                        body.direction(),
                        null,
                        null,
                        body.sessionId(),
                        sealed(principal, agentId, entryId, body.sessionId(), text)));
    }

    @PostMapping("/v1/agent/telemetry")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Pushes telemetry metrics of the agent",
            description = "201 {id, kind: telemetry}; 1-50 metrics {name, value, unit?}, up to 20 tags; otherwise 400"
                    + " naming the field")
    Logged telemetry(Principal principal, @RequestBody @Valid AgentLogRequests.TelemetryRequest body) {
        UUID agentId = Callers.agentId(principal);
        for (int i = 0; i < body.metrics().size(); i++) {
            if (!Double.isFinite(body.metrics().get(i).value())) {
                throw ApiException.validation("Field 'metrics[" + i + "].value' must be a finite number");
            }
        }
        Map<String, String> tags = body.tags() == null ? Map.of() : body.tags();
        tags.keySet().stream()
                .filter(key -> key.isEmpty() || key.length() > AgentLogRequests.MAX_NAME)
                .findFirst()
                .ifPresent(key -> {
                    throw ApiException.validation(
                            "Field 'tags' must have names of 1 to " + AgentLogRequests.MAX_NAME + " characters");
                });
        return append(
                principal,
                "telemetry",
                new TelemetryPushed(
                        agentId,
                        UUID.randomUUID(),
                        body.metrics().stream()
                                .map(metric -> new TelemetryPushed.Metric(metric.name(), metric.value(), metric.unit()))
                                .toList(),
                        tags));
    }

    /** The entry's text sealed under the session's key, once the session is known to be the agent's own (else 404). */
    private SessionSealed sealed(Principal principal, UUID agentId, UUID entryId, UUID sessionId, ObjectNode text) {
        sessions.requireOwn(sessionId, agentId, principal);
        return AgentLogContent.seal(seals, principal.spaceId(), sessionId, agentId, entryId, text);
    }

    private Logged append(Principal principal, String kind, AgentLogEvent entry) {
        UUID id = commands.send(
                new AppendEntry(entry),
                EventContext.of(principal),
                UUID.class,
                () -> new IllegalStateException("Appending creates the agent's log"),
                "The agent's log was written concurrently; try again");
        return new Logged(id, kind);
    }
}
