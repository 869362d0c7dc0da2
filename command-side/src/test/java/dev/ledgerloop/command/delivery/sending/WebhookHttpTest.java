package dev.ledgerloop.command.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ledgerloop.command.webhook.TargetUrlPolicy;
import dev.ledgerloop.command.webhook.WebhookProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sender's HTTP client against real sockets: checked and pinned addresses, one deadline for the whole attempt. */
@Timeout(30) // a hang guard: without the whole-attempt deadline the trickling receiver holds the attempt for ever
class WebhookHttpTest {
    private HttpServer receiver;
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void an_allowed_host_gets_the_post_and_the_answer_keeps_its_first_kib() throws Exception {
        try (WebhookHttp http =
                new WebhookHttp(policy(List.of("127.0.0.1"), InetAddress::getAllByName), seconds(5), 4)) {
            WebhookHttp.Answer answer =
                    http.post(receiverUri("127.0.0.1", "/hook"), Map.of("webhook-id", "d1"), "{\"a\":1}");

            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.bodyPrefix()).hasSize(1024);
            assertThat(received).containsExactly("POST /hook application/json {\"a\":1}");
        }
    }

    @Test
    void an_internal_address_is_refused_when_connecting_even_when_written_as_a_literal() throws Exception {
        try (WebhookHttp http = new WebhookHttp(policy(List.of(), InetAddress::getAllByName), seconds(5), 4)) {
            assertThatThrownBy(() -> http.post(receiverUri("127.0.0.1", "/hook"), Map.of(), "{}"))
                    .isInstanceOfSatisfying(WebhookHttp.NoAnswer.class, failure -> assertThat(failure.errorClass())
                            .isEqualTo("blocked_address"));
        }
        assertThat(received).isEmpty();
    }

    @Test
    void a_name_that_rebinds_to_an_internal_address_after_the_check_never_reaches_it() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        TargetUrlPolicy.HostLookup rebinding = host -> {
            if (!host.equals("rebind.test")) {
                throw new UnknownHostException(host);
            }
            String address = lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1";
            return new InetAddress[] {InetAddress.getByName(address)};
        };
        TargetUrlPolicy policy =
                policy(List.of(), rebinding, receiver.getAddress().getPort());
        String url = receiverUri("rebind.test", "/hook").toString();
        assertThat(policy.refusal(url))
                .as("the check at creation sees the public address")
                .isEmpty();

        try (WebhookHttp http = new WebhookHttp(policy, seconds(5), 4)) {
            assertThatThrownBy(() -> http.post(URI.create(url), Map.of(), "{}"))
                    .isInstanceOfSatisfying(WebhookHttp.NoAnswer.class, failure -> assertThat(failure.errorClass())
                            .isEqualTo("blocked_address"));
        }
        assertThat(received).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void a_host_that_does_not_resolve_is_a_dns_failure() throws Exception {
        TargetUrlPolicy.HostLookup nothing = host -> {
            throw new UnknownHostException(host);
        };
        try (WebhookHttp http = new WebhookHttp(policy(List.of(), nothing), seconds(5), 4)) {
            assertThatThrownBy(() -> http.post(URI.create("https://no-such-host.test/"), Map.of(), "{}"))
                    .isInstanceOfSatisfying(WebhookHttp.NoAnswer.class, failure -> assertThat(failure.errorClass())
                            .isEqualTo("dns"));
        }
    }

    @Test
    void a_receiver_that_trickles_its_body_is_cut_off_at_the_deadline() throws Exception {
        try (ServerSocket trickler = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> trickle(trickler), "trickler");
            server.setDaemon(true);
            server.start();
            URI uri = URI.create("http://127.0.0.1:" + trickler.getLocalPort() + "/slow");
            try (WebhookHttp http =
                    new WebhookHttp(policy(List.of("127.0.0.1"), InetAddress::getAllByName), seconds(1), 4)) {
                assertThatThrownBy(() -> http.post(uri, Map.of(), "{}"))
                        .isInstanceOfSatisfying(WebhookHttp.NoAnswer.class, failure -> assertThat(failure.errorClass())
                                .isEqualTo("timeout"));
            }
        }
    }

    /** Answers 200 at once, then one byte of a long body every 100 ms: each read is quick, the body never ends. */
    private static void trickle(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[8192]);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 1_000_000; i++) {
                out.write('x');
                out.flush();
                java.util.concurrent.locks.LockSupport.parkNanos(
                        Duration.ofMillis(100).toNanos());
            }
        } catch (IOException closedByTheClient) {
            // expected once the client gives up
        }
    }

    private URI receiverUri(String host, String path) {
        return URI.create("http://" + host + ":" + receiver.getAddress().getPort() + path);
    }

    private static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static TargetUrlPolicy policy(
            List<String> allowedHosts, TargetUrlPolicy.HostLookup lookup, Integer... ports) {
        return new TargetUrlPolicy(
                new WebhookProperties(
                        allowedHosts,
                        List.of(ports),
                        Duration.ofSeconds(15),
                        List.of(Duration.ZERO),
                        0.2,
                        Duration.ofDays(5),
                        4,
                        32,
                        64,
                        Duration.ofHours(24)),
                lookup);
    }
}
