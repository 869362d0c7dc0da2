package dev.ledgerloop.command.human;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.human.HumanCommand.ReadKeys;
import dev.ledgerloop.command.human.HumanCommand.RegisterKeys;
import dev.ledgerloop.command.human.HumanCommand.SetAvailability;
import dev.ledgerloop.events.human.HumanAvailabilitySet;
import dev.ledgerloop.events.human.HumanPublicKeyRegistered;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The keys one human registered in one space (id {@code HumanIds.of(spaceId, userId)}, so no other space can name it):
 * the X25519 key envelopes are wrapped for, the Ed25519 key their signed decisions are checked with, and the
 * availability they set. Created by whichever comes first.
 */
@Aggregate(repository = HumanRepositoryConfiguration.REPOSITORY)
class Human {
    @AggregateIdentifier
    private UUID id;

    private HumanKeyState keys;
    private AvailabilityState availability;

    protected Human() {
        // for Axon
    }

    /** Registering exactly the keys registered already changes nothing and writes no event. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    HumanKeyState handle(RegisterKeys command, MetaData metaData) {
        boolean same = keys != null
                && keys.publicKey().equals(command.publicKey())
                && Objects.equals(keys.signingPublicKey(), command.signingPublicKey());
        if (!same) {
            apply(
                    new HumanPublicKeyRegistered(
                            command.humanId(),
                            command.userId(),
                            command.publicKey(),
                            command.fingerprint(),
                            command.signingPublicKey(),
                            command.signingKeyId()),
                    EventContext.carriedToEvents(metaData));
        }
        return keys;
    }

    @CommandHandler
    HumanKeyState handle(ReadKeys command) {
        return keys;
    }

    /** Setting exactly the availability set already changes nothing and writes no event. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AvailabilityState handle(SetAvailability command, MetaData metaData) {
        boolean same = availability != null
                && availability.status().equals(command.status())
                && Objects.equals(availability.until(), command.until());
        if (!same) {
            apply(
                    new HumanAvailabilitySet(command.humanId(), command.userId(), command.status(), command.until()),
                    EventContext.carriedToEvents(metaData));
        }
        return availability;
    }

    @EventSourcingHandler
    void on(HumanPublicKeyRegistered event, @Timestamp Instant at) {
        id = event.humanId();
        keys = new HumanKeyState(
                event.userId(),
                event.publicKey(),
                event.fingerprint(),
                event.signingPublicKey(),
                event.signingKeyId(),
                at.truncatedTo(ChronoUnit.MILLIS));
    }

    @EventSourcingHandler
    void on(HumanAvailabilitySet event, @Timestamp Instant at) {
        id = event.humanId();
        availability =
                new AvailabilityState(event.userId(), event.status(), event.until(), at.truncatedTo(ChronoUnit.MILLIS));
    }
}
