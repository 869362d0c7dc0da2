package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.platform.fixtures.FreezingRelay;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway whose MongoDB stops answering after the gateway started (a hung server, or packets dropped without a
 * reset): a request that needs the {@code api_keys} view answers 503 with the error body at the call deadline instead
 * of holding its caller for good, and the backends are not called.
 */
class SilentMongoTest {
    private static MongoServer mongo;
    private static FreezingRelay relay;
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        relay = new FreezingRelay(mongo.bind());
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of(
                        "ledgerloop.gateway.mongodb.uri",
                        "mongodb://" + relay.address(),
                        "ledgerloop.gateway.mongodb.call-deadline",
                        "1s"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
        relay.close();
        mongo.shutdownNow();
    }

    @Test
    void a_key_that_needs_the_database_answers_503_instead_of_waiting_for_good() {
        String unknownKey = "hlp_" + HexFormat.of().formatHex(TestGateway.randomBytes(32));
        relay.freeze();

        HttpResponse<String> answer = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> gateway.send(gateway.request("/v1/agent/sessions")
                        .header("X-API-Key", unknownKey)
                        .build()));

        assertThat(assertError(answer, 503, "INTERNAL")).isEqualTo("The service is unavailable, try again later");
        assertThat(answer.headers().firstValue("Retry-After")).contains("1");
        assertThat(querySide.receivedNothing()).isTrue();
        assertThat(commandSide.receivedNothing()).isTrue();
    }
}
