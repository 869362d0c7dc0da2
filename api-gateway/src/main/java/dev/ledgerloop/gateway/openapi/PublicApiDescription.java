package dev.ledgerloop.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public {@code /openapi.json}: both backends' descriptions, fetched from their internal description path and
 * merged, kept for a short while so that a page of Swagger UI does not cost two backend requests per view. A partial
 * document (a backend down) is kept only briefly, so the full one returns soon after the backend does.
 */
final class PublicApiDescription {
    private static final Logger log = LoggerFactory.getLogger(PublicApiDescription.class);
    /** Where each backend serves its own description (service-support's ApiDescriptionConfiguration.PATH). */
    static final String BACKEND_PATH = "/v3/api-docs";

    static final Duration KEEP_COMPLETE = Duration.ofSeconds(30);
    static final Duration KEEP_PARTIAL = Duration.ofSeconds(2);
    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private final WebClient client;
    private final List<Backend> backends;
    private final ApiDescriptionMerger merger;
    private final ObjectMapper json;
    private final Mono<Rendered> current;

    record Backend(String name, URI baseUri) {}

    /** The merged document as served, and whether every backend is in it. */
    record Rendered(byte[] body, boolean complete) {}

    PublicApiDescription(WebClient.Builder clients, List<Backend> backends, ObjectMapper json) {
        this.client = clients.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
                .build();
        this.backends = List.copyOf(backends);
        this.merger = new ApiDescriptionMerger(json);
        this.json = json;
        this.current = Mono.defer(this::render)
                .cache(
                        rendered -> rendered.complete() ? KEEP_COMPLETE : KEEP_PARTIAL,
                        failure -> Duration.ZERO,
                        () -> Duration.ZERO);
    }

    Mono<Rendered> current() {
        return current;
    }

    private Mono<Rendered> render() {
        return Flux.fromIterable(backends)
                .flatMapSequential(this::fetch)
                .collectList()
                .map(descriptions -> {
                    ObjectNode merged = merger.merge(descriptions);
                    boolean complete = descriptions.stream().allMatch(BackendDescription::isAnswered);
                    return new Rendered(bytes(merged), complete);
                });
    }

    private Mono<BackendDescription> fetch(Backend backend) {
        return client.get()
                .uri(backend.baseUri().resolve(BACKEND_PATH))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(ObjectNode.class)
                .timeout(BACKEND_TIMEOUT)
                .map(document -> document.hasNonNull("openapi")
                        ? BackendDescription.answered(backend.name(), document)
                        : BackendDescription.missing(backend.name(), "not an OpenAPI document"))
                .onErrorResume(failure -> {
                    log.warn("No API description from the {}: {}", backend.name(), failure.toString());
                    return Mono.just(BackendDescription.missing(backend.name(), "unreachable"));
                });
    }

    private byte[] bytes(ObjectNode document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An OpenAPI document that Jackson read could not be written", e);
        }
    }
}
