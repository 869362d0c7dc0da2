package dev.ledgerloop.standalone.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that open a live stream and then stop reading (a frozen tab, a hung process) while their agent's events
 * keep coming: no thread of the system may wait for them, so every other stream goes on meanwhile, and each such
 * stream ends once its client is a bounded amount behind (it would resume with its last id). Run with the gateway writing
 * the streams itself; {@link ProxiedStalledStreamClientEndToEndTest} runs it with the streams proxied to the query
 * side's servlet route, whose writes blocked a drain thread per stalled client for the container's write timeout.
 */
class StalledStreamClientEndToEndTest {
    /** Enough large events to fill every socket buffer between the server and a client that does not read. */
    private static final int LARGE_EVENTS = 96;

    boolean inProcess() {
        return true;
    }

    @Test
    void clients_that_stop_reading_are_cut_off_and_hold_up_no_one_else(@TempDir Path data) throws Exception {
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.streams.in-process", inProcess()))) {
            String key = system.secrets().bootstrapKeyOnce();
            Api busy = Api.gateway(system).withKey(key, "busy");
            Api bystander = Api.gateway(system).withKey(key, "bystander");
            String busySession = busy.openSession();
            String bystanderSession = bystander.openSession();
            MeterRegistry querySide = system.backendContexts().get(1).getBean(MeterRegistry.class);

            List<Socket> stalled = new ArrayList<>();
            try (SseReader reading = SseReader.of(bystander.lines("/v1/agent/stream"))) {
                for (int i = 0; i < 2; i++) {
                    stalled.add(openAndStopReading(system.gatewayPort(), key, "busy"));
                }
                await().atMost(Duration.ofSeconds(20)).until(reading::listening);
                assertThat(openStreams(querySide)).isEqualTo(3.0);

                String large = largeMessage();
                for (int i = 0; i < LARGE_EVENTS; i++) {
                    assertThat(busy.post("/v1/agent/sessions/" + busySession + "/messages", large)
                                    .status())
                            .isEqualTo(201);
                }
                String sent = bystander
                        .sendMessage(bystanderSession, Envelopes.envelope())
                        .get("id")
                        .asText();

                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(reading.events()).anySatisfy(event -> assertThat(
                                        event.body().at("/data/message/id").asText())
                                .isEqualTo(sent)));
                if (!inProcess()) {
                    // The query side cut the stalled streams off (in-process, the gateway's connection takes up to
                    // some 160 writes before the bound applies: more than this test sends).
                    await().atMost(Duration.ofSeconds(10)).until(() -> openStreams(querySide) == 1.0);
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    private static double openStreams(MeterRegistry querySide) {
        return querySide.get("ledgerloop.live.connections").gauge().value();
    }

    /** A message of some 240 KB (the envelope's ciphertext), under the 256 KiB an envelope may hold. */
    private static String largeMessage() {
        String envelope = Envelopes.envelope();
        String ciphertext = Base64.getEncoder().encodeToString(Envelopes.randomBytes(180_000));
        return "{\"encryptedContent\":"
                + envelope.replaceFirst("\"ciphertext\":\"[^\"]+\"", "\"ciphertext\":\"" + ciphertext + "\"")
                + "}";
    }

    /**
     * A stream request on a socket with a small receive buffer, read until the stream says it is listening and never
     * again.
     */
    private static Socket openAndStopReading(int port, String key, String agent) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/agent/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nX-API-Key: " + key
                        + "\r\nX-Hiloop: " + agent + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains(":listening")) {
            int next = in.read();
            assertThat(next).as("the stream's first bytes").isNotNegative();
            seen.append((char) next);
        }
        assertThat(seen.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }
}
