package dev.ledgerloop.service.notification;

import dev.ledgerloop.events.channel.ChannelClosed;
import dev.ledgerloop.events.channel.ChannelCreated;
import dev.ledgerloop.events.channel.ChannelEvent;
import dev.ledgerloop.events.channel.ChannelMessageSent;
import dev.ledgerloop.events.channel.ChannelParticipantAdded;
import dev.ledgerloop.events.channel.ChannelParticipantRemoved;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationContent;
import dev.ledgerloop.events.invocation.InvocationExpired;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.log.CheckpointRecorded;
import dev.ledgerloop.events.session.AttachmentUploaded;
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
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;

/**
 * The one mapping from domain events to {@link Notification}s, shared by the webhook dispatcher and the live streams so
 * the two can never disagree on a type name or a payload. Events nobody subscribes to map to nothing.
 */
public final class Notifications {

    /** Whose sessions and invocations they are; each side answers from the records it keeps. */
    public interface Owners {
        /** The agent of the session, or null when not known. */
        UUID agentOfSession(UUID sessionId);

        /** The agent of the invocation and the session it was made in (null: none), or null when not known. */
        InvocationOwner ownerOfInvocation(UUID invocationId);
    }

    /** An invocation's agent and, when made in one, its session. */
    public record InvocationOwner(UUID agentId, UUID sessionId) {}

    private final SessionSeals seals;

    public Notifications(SessionSeals seals) {
        this.seals = seals;
    }

    public Optional<Notification> of(EventMessage<?> message, Owners owners) {
        Object event = message.getPayload();
        Instant at = message.getTimestamp();
        UUID spaceId = EventContext.spaceId(message.getMetaData());
        if (event instanceof SessionOpened opened) {
            return Optional.of(new Notification(
                    "session.created",
                    spaceId,
                    opened.agentId(),
                    opened.sessionId(),
                    at,
                    NotificationPayloads.sessionCreated(opened, at)));
        }
        if (event instanceof InvocationRequested requested) {
            return Optional.of(invocationRequested(requested, spaceId, at));
        }
        if (event instanceof ChannelEvent channel) {
            return Optional.of(aboutChannel(channel, spaceId, at));
        }
        if (event instanceof CheckpointRecorded checkpoint) {
            return Optional.of(new Notification(
                    "log.checkpoint",
                    checkpoint.spaceId(),
                    null,
                    null,
                    at,
                    NotificationPayloads.logCheckpoint(checkpoint)));
        }
        Optional<Notification> aboutSession = aboutSession(event, spaceId, at, owners);
        return aboutSession.isPresent() ? aboutSession : aboutInvocation(event, spaceId, at, owners);
    }

    private Optional<Notification> aboutSession(Object event, UUID spaceId, Instant at, Owners owners) {
        if (event instanceof MessageSent sent) {
            return session(
                    sent.sessionId(),
                    "session.message.new",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.messageNew(sent, agent, at));
        }
        if (event instanceof ResponseSubmitted response) {
            return session(
                    response.sessionId(),
                    "session.message.responded",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.messageResponded(response, agent, at));
        }
        if (event instanceof MessageEdited edited) {
            return session(
                    edited.sessionId(),
                    "session.message.edited",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.messageEdited(edited, agent));
        }
        if (event instanceof MessageDeleted deleted) {
            return message(deleted.sessionId(), deleted.messageId(), "session.message.deleted", spaceId, at, owners);
        }
        if (event instanceof MessageExpired expired) {
            return message(expired.sessionId(), expired.messageId(), "session.message.expired", spaceId, at, owners);
        }
        if (event instanceof InteractionCancelled cancelled) {
            return message(
                    cancelled.sessionId(), cancelled.messageId(), "session.message.cancelled", spaceId, at, owners);
        }
        if (event instanceof InteractionAcknowledged acknowledged) {
            return message(
                    acknowledged.sessionId(),
                    acknowledged.messageId(),
                    "session.message.acknowledged",
                    spaceId,
                    at,
                    owners);
        }
        if (event instanceof ParticipantAdded added) {
            return session(
                    added.sessionId(),
                    "participant.added",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.participant(added.sessionId(), agent, added.userId(), added.role()));
        }
        if (event instanceof ParticipantRoleChanged changed) {
            return session(
                    changed.sessionId(),
                    "participant.role_changed",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.participant(
                            changed.sessionId(), agent, changed.userId(), changed.role()));
        }
        if (event instanceof ParticipantRemoved removed) {
            return session(
                    removed.sessionId(),
                    "participant.removed",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.participant(removed.sessionId(), agent, removed.userId(), null));
        }
        if (event instanceof AttachmentUploaded uploaded) {
            return session(
                    uploaded.sessionId(),
                    "session.attachment.uploaded",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.attachmentUploaded(uploaded, agent, at));
        }
        if (event instanceof SessionClosed closed) {
            return session(
                    closed.sessionId(),
                    "session.closed",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.aboutSession(closed.sessionId(), agent));
        }
        if (event instanceof SessionArchived archived) {
            return session(
                    archived.sessionId(),
                    "session.archived",
                    spaceId,
                    at,
                    owners,
                    agent -> NotificationPayloads.aboutSession(archived.sessionId(), agent));
        }
        return Optional.empty();
    }

    private Optional<Notification> aboutInvocation(Object event, UUID spaceId, Instant at, Owners owners) {
        if (event instanceof InvocationCompleted completed) {
            return invocation(
                    completed.invocationId(),
                    "invocation.completed",
                    spaceId,
                    at,
                    owners,
                    (data, owner) -> data.put(
                            "encryptedResult",
                            completed.sealedResult() == null
                                    ? completed.encryptedResult()
                                    : InvocationContent.openResult(
                                                    seals,
                                                    spaceId,
                                                    owner.sessionId(),
                                                    completed.invocationId(),
                                                    completed.sealedResult())
                                            .orElse(null)));
        }
        if (event instanceof InvocationFailed failed) {
            return invocation(
                    failed.invocationId(),
                    "invocation.failed",
                    spaceId,
                    at,
                    owners,
                    (data, owner) -> data.put(
                            "error",
                            failed.sealedError() == null
                                    ? failed.error()
                                    : InvocationContent.openError(
                                                    seals,
                                                    spaceId,
                                                    owner.sessionId(),
                                                    failed.invocationId(),
                                                    failed.sealedError())
                                            .orElse(null)));
        }
        if (event instanceof InvocationExpired expired) {
            return invocation(expired.invocationId(), "invocation.expired", spaceId, at, owners, (data, owner) -> {});
        }
        if (event instanceof InvocationCancelled cancelled) {
            return invocation(
                    cancelled.invocationId(),
                    "invocation.cancelled",
                    spaceId,
                    at,
                    owners,
                    (data, owner) -> data.put("cancelledBy", cancelled.cancelledBy()));
        }
        return Optional.empty();
    }

    /**
     * A channel's event concerns its participants after it, and a removed agent its own removal: the {@code
     * participantIds} of the notification, whom live streams and agent-scoped webhooks deliver it to.
     */
    private static Notification aboutChannel(ChannelEvent event, UUID spaceId, Instant at) {
        List<UUID> audience = event.participantIds();
        UUID actor;
        String type;
        Map<String, Object> data;
        if (event instanceof ChannelCreated created) {
            actor = created.createdBy();
            type = "channel.created";
            data = NotificationPayloads.channelCreated(created, at);
        } else if (event instanceof ChannelMessageSent sent) {
            actor = sent.senderAgentId();
            type = "channel.message.new";
            data = NotificationPayloads.channelMessageNew(sent, at);
        } else if (event instanceof ChannelParticipantAdded added) {
            actor = added.addedBy();
            type = "channel.participant.added";
            data = NotificationPayloads.channelParticipant(added, actor, added.agentId());
        } else if (event instanceof ChannelParticipantRemoved removed) {
            actor = removed.removedBy();
            type = "channel.participant.removed";
            data = NotificationPayloads.channelParticipant(removed, actor, removed.agentId());
            audience = new ArrayList<>(audience);
            audience.add(removed.agentId());
        } else {
            ChannelClosed closed = (ChannelClosed) event;
            actor = closed.closedBy();
            type = "channel.closed";
            data = NotificationPayloads.aboutChannel(closed, actor);
        }
        return new Notification(type, spaceId, actor, null, at, data, audience);
    }

    private Notification invocationRequested(InvocationRequested event, UUID spaceId, Instant at) {
        InvocationContent.Arguments arguments = event.sealedArguments() == null
                ? new InvocationContent.Arguments(event.encryptedArguments(), event.arguments())
                : InvocationContent.openArguments(
                                seals, spaceId, event.sessionId(), event.invocationId(), event.sealedArguments())
                        .orElse(new InvocationContent.Arguments(null, null));
        return new Notification(
                "invocation.requested",
                spaceId,
                event.agentId(),
                event.sessionId(),
                at,
                NotificationPayloads.invocationRequested(event, arguments, at));
    }

    private static Optional<Notification> session(
            UUID sessionId,
            String type,
            UUID spaceId,
            Instant at,
            Owners owners,
            java.util.function.Function<UUID, Map<String, Object>> data) {
        UUID agentId = owners.agentOfSession(sessionId);
        return Optional.of(new Notification(type, spaceId, agentId, sessionId, at, data.apply(agentId)));
    }

    private static Optional<Notification> message(
            UUID sessionId, UUID messageId, String type, UUID spaceId, Instant at, Owners owners) {
        return session(
                sessionId,
                type,
                spaceId,
                at,
                owners,
                agent -> NotificationPayloads.aboutMessage(sessionId, agent, messageId));
    }

    private static Optional<Notification> invocation(
            UUID invocationId,
            String type,
            UUID spaceId,
            Instant at,
            Owners owners,
            java.util.function.BiConsumer<Map<String, Object>, InvocationOwner> more) {
        InvocationOwner owner = owners.ownerOfInvocation(invocationId);
        InvocationOwner known = owner == null ? new InvocationOwner(null, null) : owner;
        Map<String, Object> data =
                NotificationPayloads.aboutInvocation(invocationId, known.agentId(), known.sessionId());
        more.accept(data, known);
        return Optional.of(new Notification(type, spaceId, known.agentId(), known.sessionId(), at, data));
    }
}
