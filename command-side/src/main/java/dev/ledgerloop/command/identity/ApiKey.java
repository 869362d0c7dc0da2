package dev.ledgerloop.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.identity.ApiKeyCommand.IssueApiKey;
import dev.ledgerloop.command.identity.ApiKeyCommand.RevokeApiKey;
import dev.ledgerloop.events.apikey.ApiKeyIssued;
import dev.ledgerloop.events.apikey.ApiKeyRevoked;
import dev.ledgerloop.service.domain.DomainException;
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
 * An agent's API key, on stream {@code apikey-<keyId>}; Axon type "Apikey" so that it matches the type the
 * event codec derives from the stream prefix. Only the key's hash is ever stored. Revoking twice changes nothing.
 */
@Aggregate(repository = ApiKeyRepositoryConfiguration.REPOSITORY, type = ApiKeyRepositoryConfiguration.AGGREGATE_TYPE)
class ApiKey {
    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private UUID agentId;
    private boolean revoked;

    protected ApiKey() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    UUID handle(IssueApiKey command, MetaData metaData) {
        apply(
                new ApiKeyIssued(
                        command.keyId(),
                        command.keyHash(),
                        command.agentId(),
                        command.agentName(),
                        command.permissions()),
                EventContext.carriedToEvents(metaData));
        return id;
    }

    @CommandHandler
    void handle(RevokeApiKey command, MetaData metaData) {
        if (!agentId.equals(command.agentId()) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw DomainException.notFound("API key " + command.keyId() + " not found");
        }
        if (!revoked) {
            apply(new ApiKeyRevoked(id), EventContext.carriedToEvents(metaData));
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event, MetaData metaData) {
        id = event.keyId();
        spaceId = EventContext.spaceId(metaData);
        agentId = event.agentId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
