package dev.ledgerloop.gateway.authentication.apikey;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.store.GatewayDatabase;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes sure an agent that acts is registered (docs/api.md §Authentication: an unknown {@code X-Hiloop} name creates
 * the agent). The first time this gateway sees an agent it looks in the {@code agents} view, and if the agent is not
 * there asks the command side to register it ({@code PUT /v1/agent/registration}, idempotent: one {@code
 * AgentRegistered} event however many gateways ask). The request then goes on; a failed registration is retried on the
 * next request. Needs the gateway's MongoDB; without it agents are not registered.
 */
@Component
class AgentRegistrar {
    private static final Logger log = LoggerFactory.getLogger(AgentRegistrar.class);
    static final String AGENTS = "agents";

    private final Optional<MongoCollection<Document>> agents;
    private final URI registration;
    private final PrincipalHeaders principalHeaders;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Cache<String, Boolean> known =
            Caffeine.newBuilder().maximumSize(100_000).build();

    AgentRegistrar(GatewayDatabase database, GatewayProperties properties, PrincipalHeaders principalHeaders) {
        this.agents = database.database().map((MongoDatabase mongo) -> mongo.getCollection(AGENTS));
        this.registration = properties.commandSideUri().resolve("/v1/agent/registration");
        this.principalHeaders = principalHeaders;
    }

    Mono<Void> ensureRegistered(Principal agent) {
        if (agents.isEmpty() || known.getIfPresent(agent.subjectId()) != null) {
            return Mono.empty();
        }
        return Mono.fromCallable(
                        () -> agents.get().find(eq("_id", agent.subjectId())).first() != null)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(inView -> inView ? Mono.just(true) : register(agent))
                .doOnNext(registered -> {
                    if (registered) {
                        known.put(agent.subjectId(), true);
                    }
                })
                .onErrorResume(e -> {
                    log.warn("Could not register an agent: {}", e.toString());
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Boolean> register(Principal agent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(registration)
                .timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.noBody());
        principalHeaders.sign(agent, "PUT", registration.getRawPath()).forEach(request::header);
        return Mono.fromFuture(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()))
                // sendAsync completes on the common pool, which the EventStoreDB client needs free
                // (docs/concurrency.md): the rest of the request's filters go on elsewhere.
                .publishOn(Schedulers.parallel())
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        log.warn("The command side answered {} to an agent registration", response.statusCode());
                        return false;
                    }
                    return true;
                });
    }
}
