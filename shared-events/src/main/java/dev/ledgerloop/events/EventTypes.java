package dev.ledgerloop.events;

import dev.ledgerloop.events.agent.AgentProfilePublished;
import dev.ledgerloop.events.agent.AgentPublicKeyRegistered;
import dev.ledgerloop.events.agent.AgentRegistered;
import dev.ledgerloop.events.agent.CommandsRegistered;
import dev.ledgerloop.events.agentlog.ActivityLogged;
import dev.ledgerloop.events.agentlog.CommunicationLogged;
import dev.ledgerloop.events.agentlog.TelemetryPushed;
import dev.ledgerloop.events.apikey.ApiKeyIssued;
import dev.ledgerloop.events.apikey.ApiKeyRevoked;
import dev.ledgerloop.events.channel.ChannelClosed;
import dev.ledgerloop.events.channel.ChannelCreated;
import dev.ledgerloop.events.channel.ChannelMessageSent;
import dev.ledgerloop.events.channel.ChannelParticipantAdded;
import dev.ledgerloop.events.channel.ChannelParticipantRemoved;
import dev.ledgerloop.events.delivery.DeliveryAttempted;
import dev.ledgerloop.events.delivery.DeliveryCreated;
import dev.ledgerloop.events.delivery.DeliveryExhausted;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.delivery.DeliveryRetriedManually;
import dev.ledgerloop.events.delivery.DeliverySucceeded;
import dev.ledgerloop.events.human.HumanAvailabilitySet;
import dev.ledgerloop.events.human.HumanPublicKeyRegistered;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationExpired;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.log.CheckpointRecorded;
import dev.ledgerloop.events.log.LogAuditFailed;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.events.session.GuestTokenCreated;
import dev.ledgerloop.events.session.GuestTokenRedeemed;
import dev.ledgerloop.events.session.GuestTokenRevoked;
import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRemoved;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SessionArchived;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.events.shredding.SessionShredded;
import dev.ledgerloop.events.space.SpaceEncryptionKeySet;
import dev.ledgerloop.events.space.SpaceSettingsChanged;
import dev.ledgerloop.events.webhook.WebhookEndpointCreated;
import dev.ledgerloop.events.webhook.WebhookEndpointDeleted;
import dev.ledgerloop.events.webhook.WebhookEndpointDisabled;
import dev.ledgerloop.events.webhook.WebhookEndpointEnabled;
import dev.ledgerloop.events.webhook.WebhookEndpointUpdated;
import dev.ledgerloop.events.webhook.WebhookSecretRotated;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of stored event types. Names are literals, not {@code getSimpleName()}, so renaming a record can never
 * silently change what is written to the log.
 */
public final class EventTypes {
    private static final List<EventType> ALL = List.of(
            // session-<id>
            new EventType("SessionOpened", 1, SessionOpened.class),
            new EventType("MessageSent", 1, MessageSent.class),
            new EventType("MessageEdited", 1, MessageEdited.class),
            new EventType("MessageDeleted", 1, MessageDeleted.class),
            new EventType("ResponseSubmitted", 1, ResponseSubmitted.class),
            new EventType("InteractionAcknowledged", 1, InteractionAcknowledged.class),
            new EventType("InteractionCancelled", 1, InteractionCancelled.class),
            new EventType("MessageExpired", 1, MessageExpired.class),
            new EventType("ParticipantAdded", 1, ParticipantAdded.class),
            new EventType("ParticipantRoleChanged", 1, ParticipantRoleChanged.class),
            new EventType("ParticipantRemoved", 1, ParticipantRemoved.class),
            new EventType("SessionArchived", 1, SessionArchived.class),
            new EventType("GuestTokenCreated", 1, GuestTokenCreated.class),
            new EventType("GuestTokenRevoked", 1, GuestTokenRevoked.class),
            new EventType("GuestTokenRedeemed", 1, GuestTokenRedeemed.class),
            new EventType("AttachmentUploaded", 1, AttachmentUploaded.class),
            new EventType("SessionClosed", 1, SessionClosed.class),
            // agent-<id>
            new EventType("CommandsRegistered", 1, CommandsRegistered.class),
            // invocation-<id>
            new EventType("InvocationRequested", 1, InvocationRequested.class),
            new EventType("InvocationCompleted", 1, InvocationCompleted.class),
            new EventType("InvocationFailed", 1, InvocationFailed.class),
            new EventType("InvocationCancelled", 1, InvocationCancelled.class),
            new EventType("InvocationExpired", 1, InvocationExpired.class),
            // webhook-<id>
            new EventType("WebhookEndpointCreated", 1, WebhookEndpointCreated.class),
            new EventType("WebhookEndpointUpdated", 1, WebhookEndpointUpdated.class),
            new EventType("WebhookEndpointEnabled", 1, WebhookEndpointEnabled.class),
            new EventType("WebhookEndpointDisabled", 1, WebhookEndpointDisabled.class),
            new EventType("WebhookEndpointDeleted", 1, WebhookEndpointDeleted.class),
            new EventType("WebhookSecretRotated", 1, WebhookSecretRotated.class),
            // delivery-<id>
            new EventType("DeliveryCreated", 1, DeliveryCreated.class),
            new EventType("DeliveryAttempted", 1, DeliveryAttempted.class),
            new EventType("DeliverySucceeded", 1, DeliverySucceeded.class),
            new EventType("DeliveryFailed", 1, DeliveryFailed.class),
            new EventType("DeliveryExhausted", 1, DeliveryExhausted.class),
            new EventType("DeliveryRetriedManually", 1, DeliveryRetriedManually.class),
            // agent-<id>
            new EventType("AgentRegistered", 1, AgentRegistered.class),
            // apikey-<id>
            new EventType("ApiKeyIssued", 1, ApiKeyIssued.class),
            new EventType("ApiKeyRevoked", 1, ApiKeyRevoked.class),
            // log-<spaceId>
            new EventType("CheckpointRecorded", 1, CheckpointRecorded.class),
            new EventType("LogAuditFailed", 1, LogAuditFailed.class),
            // shredding-<sessionId>
            new EventType("SessionShredRequested", 1, SessionShredRequested.class),
            new EventType("SessionShredded", 1, SessionShredded.class),
            // agent-<id>
            new EventType("AgentPublicKeyRegistered", 1, AgentPublicKeyRegistered.class),
            // human-<id>
            new EventType("HumanPublicKeyRegistered", 1, HumanPublicKeyRegistered.class),
            // space-<spaceId>
            new EventType("SpaceEncryptionKeySet", 1, SpaceEncryptionKeySet.class),
            new EventType("SpaceSettingsChanged", 1, SpaceSettingsChanged.class),
            // channel-<id>
            new EventType("ChannelCreated", 1, ChannelCreated.class),
            new EventType("ChannelParticipantAdded", 1, ChannelParticipantAdded.class),
            new EventType("ChannelParticipantRemoved", 1, ChannelParticipantRemoved.class),
            new EventType("ChannelMessageSent", 1, ChannelMessageSent.class),
            new EventType("ChannelClosed", 1, ChannelClosed.class),
            // human-<id>
            new EventType("HumanAvailabilitySet", 1, HumanAvailabilitySet.class),
            // agent-<id>
            new EventType("AgentProfilePublished", 1, AgentProfilePublished.class),
            // agentlog-<agentId>
            new EventType("ActivityLogged", 1, ActivityLogged.class),
            new EventType("CommunicationLogged", 1, CommunicationLogged.class),
            new EventType("TelemetryPushed", 1, TelemetryPushed.class));

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private EventTypes() {}

    public static EventType of(AggregateEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<? extends AggregateEvent> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("No event type registered for " + recordClass.getName());
        }
        return type;
    }

    public static Optional<EventType> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Collection<EventType> all() {
        return ALL;
    }
}
