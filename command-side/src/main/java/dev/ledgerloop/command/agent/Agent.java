package dev.ledgerloop.command.agent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.agent.AgentCommand.PublishProfile;
import dev.ledgerloop.command.agent.AgentCommand.RegisterAgent;
import dev.ledgerloop.command.agent.AgentCommand.RegisterCommands;
import dev.ledgerloop.command.agent.AgentCommand.RegisterPublicKey;
import dev.ledgerloop.command.agent.AgentCommand.RequireAgent;
import dev.ledgerloop.command.agent.AgentCommand.ValidateInvocation;
import dev.ledgerloop.events.agent.AgentProfilePublished;
import dev.ledgerloop.events.agent.AgentPublicKeyRegistered;
import dev.ledgerloop.events.agent.AgentRegistered;
import dev.ledgerloop.events.agent.CommandsRegistered;
import dev.ledgerloop.events.agent.RegisteredCommand;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An agent, in the space it first acted in: its registration (name, description; written once, on
 * provisioning or on the first use of its {@code X-Hiloop} name) and the commands it offers humans. Whichever comes
 * first creates it; to another space it does not exist.
 */
@Aggregate(repository = AgentRepositoryConfiguration.REPOSITORY)
class Agent {
    static final int MAX_COMMANDS = 100;
    static final int MAX_DESCRIPTION = 2000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private Map<String, RegisteredCommand> commands = Map.of();

    /** Its own flag, not {@code id != null}: registering commands may create the agent first. */
    private boolean registered;

    private String name;
    private String description;
    private Instant createdAt;
    private AgentKeyState publicKey;
    private AgentProfile profile;

    protected Agent() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<RegisteredCommand> handle(RegisterCommands command, MetaData metaData) {
        if (id != null) {
            requireInSpace(metaData);
        }
        check(command.commands());
        apply(new CommandsRegistered(command.agentId(), command.commands()), EventContext.carriedToEvents(metaData));
        return command.commands();
    }

    /** Idempotent: a second registration of the same agent changes nothing and writes no event. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AgentState handle(RegisterAgent command, MetaData metaData) {
        if (id != null) {
            requireInSpace(metaData);
        }
        if (!registered) {
            apply(
                    new AgentRegistered(command.agentId(), command.name(), command.description()),
                    EventContext.carriedToEvents(metaData));
        }
        return new AgentState(command.agentId(), name, description, createdAt);
    }

    /** Registering the key already registered changes nothing and writes no event. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AgentKeyState handle(RegisterPublicKey command, MetaData metaData) {
        if (id != null) {
            requireInSpace(metaData);
        }
        if (publicKey == null || !publicKey.publicKey().equals(command.publicKey())) {
            apply(
                    new AgentPublicKeyRegistered(command.agentId(), command.publicKey(), command.fingerprint()),
                    EventContext.carriedToEvents(metaData));
        }
        return publicKey;
    }

    /**
     * Publishes the profile (its slug already claimed for this agent) and answers the one it replaces, or null.
     * Publishing exactly the profile published already writes no event.
     */
    @CommandHandler
    AgentProfile.Change handle(PublishProfile command, MetaData metaData) {
        requireInSpace(metaData);
        AgentProfile before = profile;
        AgentProfilePublished published = new AgentProfilePublished(
                id, command.slug(), command.displayName(), command.description(), command.websiteUrl());
        if (before == null || !before.publishes(published)) {
            apply(published, EventContext.carriedToEvents(metaData));
        }
        return new AgentProfile.Change(before, profile);
    }

    @CommandHandler
    RegisteredCommand handle(ValidateInvocation invocation, MetaData metaData) {
        requireInSpace(metaData);
        RegisteredCommand registered = commands.get(invocation.command());
        if (registered == null) {
            throw DomainException.notFound("Command '" + invocation.command() + "' is not registered by agent " + id);
        }
        if (invocation.arguments() != null) {
            List<String> violations = CommandSchemas.violationsOf(registered.parameters(), invocation.arguments());
            if (!violations.isEmpty()) {
                throw DomainException.invalid("Field 'arguments' does not match the parameters of command '"
                        + registered.name() + "': " + String.join("; ", violations));
            }
        }
        return registered;
    }

    @CommandHandler
    UUID handle(RequireAgent requirement, MetaData metaData) {
        requireInSpace(metaData);
        return id;
    }

    @EventSourcingHandler
    void on(AgentRegistered event, MetaData metaData, @Timestamp Instant at) {
        if (id == null) {
            id = event.agentId();
            spaceId = EventContext.spaceId(metaData);
        }
        registered = true;
        name = event.name();
        description = event.description();
        createdAt = at.truncatedTo(ChronoUnit.MILLIS);
    }

    @EventSourcingHandler
    void on(CommandsRegistered event, MetaData metaData) {
        if (id == null) {
            id = event.agentId();
            spaceId = EventContext.spaceId(metaData);
        }
        Map<String, RegisteredCommand> byName = new LinkedHashMap<>();
        event.commands().forEach(registered -> byName.put(registered.name(), registered));
        commands = byName;
    }

    @EventSourcingHandler
    void on(AgentPublicKeyRegistered event, MetaData metaData, @Timestamp Instant at) {
        if (id == null) {
            id = event.agentId();
            spaceId = EventContext.spaceId(metaData);
        }
        publicKey = new AgentKeyState(
                event.agentId(), event.publicKey(), event.fingerprint(), at.truncatedTo(ChronoUnit.MILLIS));
    }

    @EventSourcingHandler
    void on(AgentProfilePublished event, @Timestamp Instant at) {
        profile = AgentProfile.of(event, at.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void check(List<RegisteredCommand> commands) {
        if (commands.size() > MAX_COMMANDS) {
            throw DomainException.invalid("At most " + MAX_COMMANDS + " commands can be registered");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < commands.size(); i++) {
            RegisteredCommand command = commands.get(i);
            String field = "[" + i + "]";
            if (!NAME.matcher(command.name()).matches()) {
                throw invalid(field + ".name", "must be 1 to 100 characters of A-Z, a-z, 0-9, '_', '.' or '-'");
            }
            if (!names.add(command.name())) {
                throw invalid(field + ".name", "repeats '" + command.name() + "'; command names must be unique");
            }
            if (command.description() != null && command.description().length() > MAX_DESCRIPTION) {
                throw invalid(field + ".description", "must be at most " + MAX_DESCRIPTION + " characters");
            }
            List<String> problems = CommandSchemas.problemsOf(command.parameters());
            if (!problems.isEmpty()) {
                throw invalid(field + ".parameters", "is not a valid JSON Schema: " + String.join("; ", problems));
            }
        }
    }

    /** Another space's agent answers as if it did not exist. */
    private void requireInSpace(MetaData metaData) {
        if (!spaceId.equals(EventContext.spaceId(metaData))) {
            throw DomainException.notFound("Agent " + id + " not found");
        }
    }

    private static DomainException invalid(String field, String problem) {
        return DomainException.invalid("Field '" + field + "' " + problem);
    }
}
