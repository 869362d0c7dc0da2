package dev.ledgerloop.bench.peer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionOpened;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * The benchmark's event-sourced aggregate: a session that is opened and then takes messages, each one the product's
 * {@link MessageSent} event. Its type is {@code Session}, so that our engine writes it to {@code session-<id>} and the
 * product's codec accepts its events; it has none of the product aggregate's checks, which both engines would pay alike.
 */
@AggregateRoot(type = "Session")
class BenchSession {
    @AggregateIdentifier
    private UUID sessionId;

    private UUID agentId;

    BenchSession() {}

    @CommandHandler
    BenchSession(OpenBenchSession command) {
        apply(new SessionOpened(command.sessionId(), command.agentId(), null, false, null));
    }

    @CommandHandler
    void handle(SendBenchMessage command) {
        apply(new MessageSent(
                sessionId,
                UUID.randomUUID(),
                SenderType.Agent,
                agentId,
                null,
                command.content(),
                null,
                false,
                Priority.Medium,
                null,
                null));
    }

    @EventSourcingHandler
    void on(SessionOpened event) {
        sessionId = event.sessionId();
        agentId = event.agentId();
    }
}
