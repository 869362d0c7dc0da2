package dev.ledgerloop.standalone.live;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All credentials of one space together hold at most {@code ledgerloop.live.max-per-space} streams and long-polls
 * (here 3, far below each credential's own limit); one more answers 429 with the error body until one ends.
 */
class LiveConnectionSpaceLimitEndToEndTest {
    private static final int SPACE_LIMIT = 3;

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api first;
    private static Api second;

    @BeforeAll
    static void start() throws Exception {
        // Frequent heartbeats, so that the server soon learns of a stream whose client went away.
        system = LedgerloopSystem.start(
                data, 0, "--ledgerloop.live.max-per-space=" + SPACE_LIMIT, "--ledgerloop.live.heartbeat=200ms");
        String key = system.secrets().bootstrapKeyOnce();
        first = Api.gateway(system).withKey(key, "first-bot");
        second = Api.gateway(system).withKey(key, "second-bot");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void two_credentials_of_one_space_hold_at_most_its_limit_together_and_one_more_is_refused_until_one_ends()
            throws Exception {
        String firstTyping = "/v1/agent/sessions/" + first.openSession() + "/typing";
        String secondTyping = "/v1/agent/sessions/" + second.openSession() + "/typing";
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        open.add(opened(first, firstTyping));
        open.add(opened(first, firstTyping));
        open.add(opened(second, secondTyping));

        HttpResponse<Stream<String>> refused = second.lines(secondTyping);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(refused.body().collect(Collectors.joining()))
                .contains("\"code\":\"RATE_LIMITED\"")
                .contains("Too many open long-polls and streams for this space (at most " + SPACE_LIMIT + ")");

        open.remove(0).body().close();
        AtomicReference<HttpResponse<Stream<String>>> again = new AtomicReference<>();
        patiently().until(() -> {
            HttpResponse<Stream<String>> stream = second.lines(secondTyping);
            if (stream.statusCode() != 200) {
                stream.body().close();
                return false;
            }
            again.set(stream);
            return true;
        });
        open.add(again.get());

        open.forEach(stream -> stream.body().close());
    }

    private static HttpResponse<Stream<String>> opened(Api api, String path) throws Exception {
        HttpResponse<Stream<String>> stream = api.lines(path);
        assertThat(stream.statusCode()).isEqualTo(200);
        return stream;
    }
}
