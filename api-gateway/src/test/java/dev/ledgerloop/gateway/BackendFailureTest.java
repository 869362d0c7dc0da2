package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackendFailureTest {
    private static HangingUpBackend commandSide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        commandSide = new HangingUpBackend();
        gateway = TestGateway.start(commandSide.uri(), unusedPort());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
    }

    @Test
    void a_backend_that_is_down_answers_503_with_the_error_body() {
        HttpResponse<String> response =
                gateway.send(gateway.agentRequest("/v1/agent/sessions").build());

        assertThat(assertError(response, 503, "INTERNAL"))
                .doesNotContain("127.0.0.1")
                .doesNotContain("refused");
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void a_backend_that_hangs_up_answers_502_with_the_error_body() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions")
                .POST(BodyPublishers.ofString("{}"))
                .build());

        assertThat(assertError(response, 502, "INTERNAL")).doesNotContain("127.0.0.1");
    }

    /** A port nothing listens on: bound once to find it, then released. */
    private static URI unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts a connection, reads the request head and closes it without answering. */
    private static final class HangingUpBackend implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;

        HangingUpBackend() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptor = new Thread(this::hangUpOnEveryone, "hanging-up-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        private void hangUpOnEveryone() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    in.read(new byte[8192]);
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
