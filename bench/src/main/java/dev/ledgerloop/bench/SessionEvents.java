package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.SampleEnvelopes.envelopeRecord;

import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionOpened;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One session's events in the order its aggregate would have applied them, built without the command side, for the
 * benchmarks that load a large log through {@link SessionAppender}. Contents are {@link SampleEnvelopes}.
 */
final class SessionEvents {
    private final UUID session = UUID.randomUUID();
    private final UUID agent;
    private final List<Object> payloads = new ArrayList<>();
    private UUID lastAgentMessage;
    private UUID openQuestion;

    private SessionEvents(UUID agent) {
        this.agent = agent;
        payloads.add(new SessionOpened(session, agent, null, false, null));
    }

    static SessionEvents opened(UUID agent) {
        return new SessionEvents(agent);
    }

    SessionEvents participant(String userId) {
        payloads.add(new ParticipantAdded(session, userId, ParticipantRole.member));
        return this;
    }

    /** A message of the agent; a {@code question} waits for a human's answer. */
    SessionEvents agentMessage(boolean question) {
        lastAgentMessage = UUID.randomUUID();
        if (question) {
            openQuestion = lastAgentMessage;
        }
        payloads.add(new MessageSent(
                session,
                lastAgentMessage,
                SenderType.Agent,
                agent,
                null,
                envelopeRecord(),
                null,
                question,
                Priority.Medium,
                null,
                null));
        return this;
    }

    SessionEvents humanMessage(String userId) {
        payloads.add(new MessageSent(
                session,
                UUID.randomUUID(),
                SenderType.Human,
                null,
                userId,
                envelopeRecord(),
                null,
                false,
                Priority.Medium,
                null,
                null));
        return this;
    }

    boolean hasAgentMessage() {
        return lastAgentMessage != null;
    }

    SessionEvents editLastAgentMessage() {
        payloads.add(new MessageEdited(session, lastAgentMessage, envelopeRecord(), null));
        return this;
    }

    boolean hasOpenQuestion() {
        return openQuestion != null;
    }

    /** The answer of {@code userId}, a participant, to the latest question nobody answered yet. */
    SessionEvents answerOpenQuestion(String userId) {
        payloads.add(new ResponseSubmitted(session, openQuestion, UUID.randomUUID(), userId, envelopeRecord()));
        openQuestion = null;
        return this;
    }

    int size() {
        return payloads.size();
    }

    UUID id() {
        return session;
    }

    List<Object> payloads() {
        return payloads;
    }
}
