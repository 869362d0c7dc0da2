package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command as a user runs it: the executable jar in a JVM of its own (its class path is the fat
 * jar's, not the test's), answering a session create through the gateway with the key it printed.
 */
class StandaloneJarIT {
    private static final Pattern KEY = Pattern.compile("hlp_[0-9a-f]{64}");

    @TempDir
    Path data;

    @Test
    void the_runnable_jar_starts_the_whole_system_and_serves_the_api() throws Exception {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-jar",
                        System.getProperty("ledgerloop.standaloneJar"),
                        "--data=" + data,
                        "--port=" + port)
                .redirectErrorStream(true)
                .start();
        AtomicReference<String> key = new AtomicReference<>();
        Thread output = new Thread(() -> readKey(process, key));
        output.setDaemon(true);
        output.start();
        try {
            Api gateway = Api.gateway(port);
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() ->
                            key.get() != null && gateway.get("/actuator/health").status() == 200);

            Answer created =
                    gateway.withKey(key.get()).post("/v1/agent/sessions", "{\"encryptedTitle\":" + envelope() + "}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text()).contains("\"status\":\"Active\"");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void readKey(Process process, AtomicReference<String> key) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher matcher = KEY.matcher(line);
                if (key.get() == null && matcher.find()) {
                    key.set(matcher.group());
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
