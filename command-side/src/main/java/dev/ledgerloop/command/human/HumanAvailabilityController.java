package dev.ledgerloop.command.human;

import dev.ledgerloop.command.human.HumanCommand.SetAvailability;
import dev.ledgerloop.events.human.HumanIds;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import dev.ledgerloop.service.web.Callers;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A human says how available they are (docs/api.md §Space users); agents read it on the query side. */
@RestController
class HumanAvailabilityController {
    private static final String STATUS = "must be one of available, busy, away";
    private static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;
    private final Clock clock;

    HumanAvailabilityController(CommandGateway commands, Clock clock) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
        this.clock = clock;
    }

    @RequestRecord
    record AvailabilityRequest(
            @Schema(
                    allowableValues = {"available", "busy", "away"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = "is required")
            @Pattern(regexp = "available|busy|away", message = STATUS)
            @IfMistyped(STATUS)
            String status,

            @Schema(description = "when the status ends; absent: until changed")
            @IfMistyped("must be an ISO-8601 instant")
            Instant until) {}

    @PutMapping("/v1/human/availability")
    @Operation(
            summary = "Sets the human's availability",
            description = "200 {userId, status, until, setAt}; a status other than available, busy or away, or an"
                    + " until that is not in the future: 400. Stored as an event on the human's stream.")
    AvailabilityState set(Principal principal, @RequestBody @Valid AvailabilityRequest body) {
        Callers.requireHuman(principal);
        if (body.until() != null && !body.until().isAfter(clock.instant())) {
            throw ApiException.validation("Field 'until' must be in the future");
        }
        return commands.send(
                new SetAvailability(
                        HumanIds.of(principal.spaceId(), principal.subjectId()),
                        principal.subjectId(),
                        body.status(),
                        body.until()),
                EventContext.of(principal),
                AvailabilityState.class,
                () -> new IllegalStateException("Setting availability creates the human's aggregate"),
                "Your availability was changed concurrently; try again");
    }
}
