package dev.ledgerloop.command.space;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.space.SpaceCommand.ChangeSettings;
import dev.ledgerloop.command.space.SpaceCommand.ReadSettings;
import dev.ledgerloop.command.space.SpaceCommand.SetEncryptionKey;
import dev.ledgerloop.events.space.SpaceEncryptionKeySet;
import dev.ledgerloop.events.space.SpaceSettingsChanged;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * What the space owner set for the whole space: its encryption key and its defaults (docs/api.md §Keys). There is no
 * other space aggregate (a space exists once a credential names it): this one comes to be with the owner's first
 * setting, on the stream {@code space-<spaceId>}.
 */
@Aggregate(repository = SpaceRepositoryConfiguration.REPOSITORY)
class Space {
    @AggregateIdentifier
    private UUID id;

    private String publicKey;
    private String keyId;
    private boolean requireSignedAnswers;

    protected Space() {
        // for Axon
    }

    /** Setting the key already set changes nothing and writes no event. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SpaceState handle(SetEncryptionKey command, MetaData metaData) {
        if (!command.publicKey().equals(publicKey)) {
            apply(
                    new SpaceEncryptionKeySet(command.spaceId(), command.publicKey(), command.keyId()),
                    EventContext.carriedToEvents(metaData));
        }
        return state();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SpaceState handle(ChangeSettings command, MetaData metaData) {
        if (id == null || requireSignedAnswers != command.requireSignedAnswers()) {
            apply(
                    new SpaceSettingsChanged(command.spaceId(), command.requireSignedAnswers()),
                    EventContext.carriedToEvents(metaData));
        }
        return state();
    }

    @CommandHandler
    SpaceState handle(ReadSettings command) {
        return state();
    }

    @EventSourcingHandler
    void on(SpaceEncryptionKeySet event) {
        id = event.spaceId();
        publicKey = event.publicKey();
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(SpaceSettingsChanged event) {
        id = event.spaceId();
        requireSignedAnswers = event.requireSignedAnswers();
    }

    private SpaceState state() {
        return new SpaceState(keyId, publicKey, requireSignedAnswers);
    }
}
