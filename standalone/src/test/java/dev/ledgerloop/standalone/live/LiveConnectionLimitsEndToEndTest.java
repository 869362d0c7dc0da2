package dev.ledgerloop.standalone.live;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long-lived requests are bounded: one credential holds at most 100 streams and long-polls at once (the default of
 * {@code ledgerloop.live.max-per-principal}), one more answers 429 with the error body until one ends, and an idle
 * stream gets heartbeats.
 */
class LiveConnectionLimitsEndToEndTest {
    private static final int LIMIT = 100;
    private static final String OURS = "Too many open long-polls and streams";

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api agent;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void one_credential_holds_at_most_the_limit_and_one_more_is_refused_until_one_ends() throws Exception {
        String typing = "/v1/agent/sessions/" + agent.openSession() + "/typing";
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        for (int i = 0; i < LIMIT - 1; i++) {
            HttpResponse<Stream<String>> stream = openPastTheRateLimit(typing);
            assertThat(stream.statusCode()).as("stream %d", i + 1).isEqualTo(200);
            open.add(stream);
        }
        String await = "/v1/agent/sessions/" + agent.openSession() + "/await?timeoutMs=300000";
        var waiting = agent.sendAsync("GET", await, null);

        patiently().untilAsserted(() -> {
            HttpResponse<Stream<String>> refused = openPastTheRateLimit(typing);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body().collect(Collectors.joining()))
                    .contains("\"code\":\"RATE_LIMITED\"")
                    .contains(OURS);
        });

        // The server learns that a client went away when a write fails: at the latest two heartbeats (15 s) later.
        open.remove(0).body().close();
        AtomicReference<HttpResponse<Stream<String>>> again = new AtomicReference<>();
        patiently()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    again.set(openPastTheRateLimit(typing));
                    return again.get().statusCode() == 200;
                });
        open.add(again.get());

        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> open.get(0).body().forEach(lines::add), "stream-reader");
        reader.setDaemon(true);
        reader.start();
        patiently().until(() -> lines.contains(":heartbeat"));

        open.forEach(stream -> stream.body().close());
        waiting.cancel(true);
    }

    /** Opens a stream, waiting out the gateway's per-credential request rate limit (a 429 that is not ours). */
    private static HttpResponse<Stream<String>> openPastTheRateLimit(String path) {
        AtomicReference<HttpResponse<Stream<String>>> opened = new AtomicReference<>();
        patiently().until(() -> {
            HttpResponse<Stream<String>> stream = agent.lines(path);
            if (stream.statusCode() == 429
                    && !stream.headers().firstValue("Retry-After").isEmpty()) {
                stream.body().close();
                return false;
            }
            opened.set(stream);
            return true;
        });
        return opened.get();
    }
}
