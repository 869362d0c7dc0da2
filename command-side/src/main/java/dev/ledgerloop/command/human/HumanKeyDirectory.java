package dev.ledgerloop.command.human;

import dev.ledgerloop.command.human.HumanCommand.ReadKeys;
import dev.ledgerloop.command.human.HumanCommand.RegisterKeys;
import dev.ledgerloop.events.human.HumanIds;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Registers a human's keys and tells the session which signing key a human has, from their own aggregate. */
@Component
public class HumanKeyDirectory {
    private static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;

    HumanKeyDirectory(CommandGateway commands) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
    }

    HumanKeyState register(
            Principal human, String publicKey, String fingerprint, String signingPublicKey, String signingKeyId) {
        UUID humanId = HumanIds.of(human.spaceId(), human.subjectId());
        return commands.send(
                new RegisterKeys(humanId, human.subjectId(), publicKey, fingerprint, signingPublicKey, signingKeyId),
                EventContext.of(human),
                HumanKeyState.class,
                () -> new IllegalStateException("Registering keys creates the human's aggregate"),
                "Your keys were changed concurrently; try again");
    }

    /** The human's keys, in their own space; empty before they registered any (their aggregate may exist already). */
    public Optional<HumanKeyState> keysOf(Principal human) {
        try {
            return Optional.ofNullable(commands.send(
                    new ReadKeys(HumanIds.of(human.spaceId(), human.subjectId())),
                    EventContext.of(human),
                    HumanKeyState.class,
                    NoKeys::new,
                    "Your keys were changed concurrently; try again"));
        } catch (NoKeys none) {
            return Optional.empty();
        }
    }

    private static final class NoKeys extends DomainException {
        NoKeys() {
            super(Kind.NOT_FOUND, "No keys registered");
        }
    }
}
