package dev.ledgerloop.command.webhook;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.webhook.WebhookEndpointCommand.CreateWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DeleteWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DescribeWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DisableWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.RotateWebhookSecret;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.UpdateWebhookEndpoint;
import dev.ledgerloop.events.webhook.WebhookEndpointCreated;
import dev.ledgerloop.events.webhook.WebhookEndpointDeleted;
import dev.ledgerloop.events.webhook.WebhookEndpointDisabled;
import dev.ledgerloop.events.webhook.WebhookEndpointEnabled;
import dev.ledgerloop.events.webhook.WebhookEndpointUpdated;
import dev.ledgerloop.events.webhook.WebhookSecretRotated;
import dev.ledgerloop.service.domain.Instants;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * A webhook endpoint of one space: where deliveries go, which events it wants, and the secrets that sign
 * them. After a rotation the previous secret signs alongside the new one until its time is up. A deleted endpoint,
 * or one of another space, does not exist for the caller.
 */
@Aggregate(repository = WebhookRepositoryConfiguration.REPOSITORY, type = WebhookRepositoryConfiguration.AGGREGATE_TYPE)
class WebhookEndpoint {
    static final String DISABLED_BY_ADMIN = "Disabled by an admin";

    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private String url;
    private List<String> eventTypes;
    private List<UUID> agentIds;
    private boolean enabled;
    private String disabledReason;
    private boolean deleted;
    private String secret;
    private String previousSecret;
    private Instant previousValidUntil;
    private String authToken;
    private Instant createdAt;
    private Instant updatedAt;

    protected WebhookEndpoint() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    WebhookEndpointState handle(CreateWebhookEndpoint command, MetaData metaData) {
        apply(
                new WebhookEndpointCreated(
                        command.webhookId(),
                        command.url(),
                        command.eventTypes(),
                        command.agentIds(),
                        command.enabled(),
                        command.secret(),
                        command.authToken()),
                EventContext.carriedToEvents(metaData));
        return state();
    }

    @CommandHandler
    WebhookEndpointState handle(UpdateWebhookEndpoint command, MetaData metaData) {
        requireVisibleIn(metaData);
        String newUrl = command.url() == null ? url : command.url();
        List<String> newTypes = command.eventTypes() == null ? eventTypes : command.eventTypes();
        List<UUID> newAgents = command.agentIds() == null ? agentIds : command.agentIds();
        if (!newUrl.equals(url) || !newTypes.equals(eventTypes) || !newAgents.equals(agentIds)) {
            apply(new WebhookEndpointUpdated(id, newUrl, newTypes, newAgents), EventContext.carriedToEvents(metaData));
        }
        if (command.enabled() != null && command.enabled() != enabled) {
            apply(
                    command.enabled()
                            ? new WebhookEndpointEnabled(id)
                            : new WebhookEndpointDisabled(id, DISABLED_BY_ADMIN),
                    EventContext.carriedToEvents(metaData));
        }
        return state();
    }

    @CommandHandler
    void handle(DeleteWebhookEndpoint command, MetaData metaData) {
        requireVisibleIn(metaData);
        apply(new WebhookEndpointDeleted(id), EventContext.carriedToEvents(metaData));
    }

    @CommandHandler
    String handle(RotateWebhookSecret command, MetaData metaData) {
        requireVisibleIn(metaData);
        apply(
                new WebhookSecretRotated(id, command.secret(), command.previousValidUntil()),
                EventContext.carriedToEvents(metaData));
        return secret;
    }

    @CommandHandler
    void handle(DisableWebhookEndpoint command, MetaData metaData) {
        if (deleted || !enabled) {
            return;
        }
        apply(new WebhookEndpointDisabled(id, command.reason()), EventContext.carriedToEvents(metaData));
    }

    @CommandHandler
    WebhookTarget handle(DescribeWebhookEndpoint command) {
        List<String> secrets = new ArrayList<>();
        secrets.add(secret);
        if (previousSecret != null && command.now().isBefore(previousValidUntil)) {
            secrets.add(previousSecret);
        }
        return new WebhookTarget(id, spaceId, url, enabled, deleted, List.copyOf(secrets), authToken);
    }

    @EventSourcingHandler
    void on(WebhookEndpointCreated event, MetaData metaData, @Timestamp Instant at) {
        id = event.webhookId();
        spaceId = EventContext.spaceId(metaData);
        url = event.url();
        eventTypes = event.eventTypes();
        agentIds = event.agentIds();
        enabled = event.enabled();
        disabledReason = enabled ? null : DISABLED_BY_ADMIN;
        secret = event.secret();
        authToken = event.authToken();
        createdAt = Instants.millis(at);
        updatedAt = createdAt;
    }

    @EventSourcingHandler
    void on(WebhookEndpointUpdated event, @Timestamp Instant at) {
        url = event.url();
        eventTypes = event.eventTypes();
        agentIds = event.agentIds();
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(WebhookEndpointEnabled event, @Timestamp Instant at) {
        enabled = true;
        disabledReason = null;
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(WebhookEndpointDisabled event, @Timestamp Instant at) {
        enabled = false;
        disabledReason = event.reason();
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(WebhookEndpointDeleted event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(WebhookSecretRotated event, @Timestamp Instant at) {
        previousSecret = secret;
        previousValidUntil = event.previousValidUntil();
        secret = event.secret();
        updatedAt = Instants.millis(at);
    }

    /** A deleted endpoint, or another space's, answers as if it did not exist. */
    private void requireVisibleIn(MetaData metaData) {
        if (deleted || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw new WebhookNotFoundException(id);
        }
    }

    private WebhookEndpointState state() {
        return new WebhookEndpointState(
                id, url, eventTypes, agentIds, enabled, disabledReason, secret, createdAt, updatedAt);
    }
}
