package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A backend that never answers holds no caller for ever: every route has a response timeout, then 504. */
class ResponseTimeoutTest {
    private static SilentBackend backend;

    @BeforeAll
    static void start() {
        backend = new SilentBackend();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void an_ordinary_read_gets_504_when_the_backend_does_not_answer_in_time() {
        try (TestGateway gateway = TestGateway.start(
                backend.uri(), backend.uri(), Map.of("ledgerloop.gateway.response-timeouts.standard", "1s"))) {
            assertThat(assertError(
                            gateway.send(
                                    gateway.agentRequest("/v1/agent/sessions").build()),
                            504,
                            "INTERNAL"))
                    .contains("did not answer in time");
        }
    }

    @Test
    void long_polls_and_streams_have_timeouts_of_their_own() {
        try (TestGateway gateway = TestGateway.start(
                backend.uri(),
                backend.uri(),
                Map.of(
                        "ledgerloop.gateway.response-timeouts.standard", "120s",
                        "ledgerloop.gateway.response-timeouts.long-poll", "1s",
                        "ledgerloop.gateway.response-timeouts.stream", "1s"))) {
            String session = "/v1/agent/sessions/" + UUID.randomUUID();
            String interaction = "/v1/agent/interactions/" + UUID.randomUUID();
            for (String path : List.of(
                    session + "/await?timeoutMs=300000",
                    interaction + "/await?timeoutMs=300000",
                    session + "/typing")) {
                assertError(gateway.send(gateway.agentRequest(path).build()), 504, "INTERNAL");
            }
        }
    }

    /** Accepts connections and reads requests, and never answers. */
    private static final class SilentBackend implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        SilentBackend() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(this::holdEveryone, "silent-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        private void holdEveryone() {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
