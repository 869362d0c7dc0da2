package dev.ledgerloop.gateway;

import dev.ledgerloop.platform.hash.Sha256Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway started in-process the way the standalone module will start it, on a random port, with a fresh secret
 * and bootstrap key; plus a plain JDK HTTP client to talk to it.
 */
final class TestGateway implements AutoCloseable {
    static final String AGENT_NAME = "support-bot";

    final byte[] secret = randomBytes(32);
    final String apiKey = "hlp_" + HexFormat.of().formatHex(randomBytes(32));
    final UUID spaceId = UUID.randomUUID();
    final UUID agentId = UUID.randomUUID();
    private final ConfigurableApplicationContext context;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestGateway(URI commandSide, URI querySide, Map<String, Object> overrides, Map<String, Object> beans) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("ledgerloop.gateway.command-side-uri", commandSide.toString());
        properties.put("ledgerloop.gateway.query-side-uri", querySide.toString());
        properties.put(
                "ledgerloop.gateway.principal-secret", Base64.getEncoder().encodeToString(secret));
        properties.put("ledgerloop.gateway.bootstrap-key-hash", Sha256Hex.of(apiKey));
        properties.put("ledgerloop.gateway.bootstrap-space-id", spaceId.toString());
        properties.put("ledgerloop.gateway.bootstrap-agent-id", agentId.toString());
        properties.put("ledgerloop.gateway.bootstrap-agent-name", AGENT_NAME);
        properties.putAll(overrides);
        this.context = run(properties, beans);
    }

    static TestGateway start(URI commandSide, URI querySide) {
        return new TestGateway(commandSide, querySide, Map.of(), Map.of());
    }

    static TestGateway start(URI commandSide, URI querySide, Map<String, Object> overrides) {
        return new TestGateway(commandSide, querySide, overrides, Map.of());
    }

    /** With beans of the test's own, e.g. a clock it moves. */
    static TestGateway start(URI commandSide, URI querySide, Map<String, Object> overrides, Map<String, Object> beans) {
        return new TestGateway(commandSide, querySide, overrides, beans);
    }

    /** Exactly how another module starts the gateway programmatically (README). */
    static ConfigurableApplicationContext run(Map<String, Object> properties) {
        return run(properties, Map.of());
    }

    private static ConfigurableApplicationContext run(Map<String, Object> properties, Map<String, Object> beans) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .main(GatewayApplication.class)
                .web(WebApplicationType.REACTIVE)
                .bannerMode(Banner.Mode.OFF)
                .properties(properties)
                .initializers(context -> beans.forEach(context.getBeanFactory()::registerSingleton))
                .run();
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery))
                .timeout(Duration.ofSeconds(20));
    }

    /** As an agent with the bootstrap key. */
    HttpRequest.Builder agentRequest(String pathAndQuery) {
        return request(pathAndQuery).header("X-API-Key", apiKey);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
