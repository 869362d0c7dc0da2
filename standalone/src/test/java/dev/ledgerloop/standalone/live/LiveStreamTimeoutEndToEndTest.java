package dev.ledgerloop.standalone.live;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server ends a stream after {@code ledgerloop.live.stream-timeout} (here 2 s), and the stream no longer counts
 * against its credential's limit (here 1).
 */
class LiveStreamTimeoutEndToEndTest {
    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api agent;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(
                data, 0, "--ledgerloop.live.stream-timeout=2s", "--ledgerloop.live.max-per-principal=1");
        agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void the_server_ends_a_stream_after_its_timeout_and_frees_its_place() throws Exception {
        String typing = "/v1/agent/sessions/" + agent.openSession() + "/typing";
        // Reads follow the events (docs/api.md): the new session may not be in the query side's view yet.
        HttpResponse<Stream<String>> stream = patiently().until(() -> opened(typing), Objects::nonNull);
        assertThat(stream.statusCode()).isEqualTo(200);

        // Reading to the end returns only once the server has ended the stream.
        CompletableFuture<List<String>> lines =
                CompletableFuture.supplyAsync(() -> stream.body().toList());

        patiently().until(lines::isDone);
        assertThat(lines.get()).contains(":listening");
        patiently().untilAsserted(() -> {
            HttpResponse<Stream<String>> next = agent.lines(typing);
            next.body().close();
            assertThat(next.statusCode()).isEqualTo(200);
        });
    }

    /** The stream if it answered 200, else null (its body closed). */
    private static HttpResponse<Stream<String>> opened(String path) throws Exception {
        HttpResponse<Stream<String>> response = agent.lines(path);
        if (response.statusCode() == 200) {
            return response;
        }
        response.body().close();
        return null;
    }
}
