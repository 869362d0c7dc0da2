package dev.ledgerloop.command.space;

import dev.ledgerloop.command.space.SpaceCommand.ReadSettings;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Sends the owner's space commands, and tells sessions the space's defaults. */
@Component
public class SpaceSettings {
    private static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;
    private final EventStoreDbStorageEngine engine;

    SpaceSettings(CommandGateway commands, EventStoreDbStorageEngine engine) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
        this.engine = engine;
    }

    /** Whether sessions of the caller's space require signed answers unless they say: false until the owner says. */
    public boolean requireSignedAnswers(Principal principal) {
        // Most spaces never set anything: asking the missing aggregate would log a warning on every session opened.
        if (engine.lastSequenceNumberFor(
                        SpaceRepositoryConfiguration.AGGREGATE_TYPE,
                        principal.spaceId().toString())
                .isEmpty()) {
            return false;
        }
        try {
            return send(new ReadSettings(principal.spaceId()), principal).requireSignedAnswers();
        } catch (NothingSet none) {
            return false;
        }
    }

    SpaceState send(SpaceCommand command, Principal principal) {
        return commands.send(
                command,
                EventContext.of(principal),
                SpaceState.class,
                NothingSet::new,
                "The space's settings were changed concurrently; try again");
    }

    private static final class NothingSet extends DomainException {
        NothingSet() {
            super(Kind.NOT_FOUND, "Nothing set for this space yet");
        }
    }
}
