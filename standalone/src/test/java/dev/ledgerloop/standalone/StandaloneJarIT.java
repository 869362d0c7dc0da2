package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.standalone.secrets.SecretPatterns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command as a user runs it: the executable jar in a JVM of its own (its class path is the fat
 * jar's, not the test's), started once for this class on a new data directory. It prints a short summary and the
 * keys, logs the detail to a file without them, and answers a session create through the gateway with the key.
 */
class StandaloneJarIT {
    private static final Pattern KEY = Pattern.compile("hlp_[0-9a-f]{64}");
    private static final int MOST_LINES_BEFORE_THE_KEY = 20;
    private static final String ENVELOPE = "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\","
            + "\"ciphertext\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"wrappings\":[{\"kid\":\"me\","
            + "\"epk\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"wrappedKey\":"
            + "\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7\"}]}";

    @TempDir
    static Path data;

    private static final List<String> console = new CopyOnWriteArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Process process;
    private static String base;

    @BeforeAll
    static void startTheJar() throws Exception {
        int port = freePort();
        base = "http://localhost:" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(
                        java,
                        "-jar",
                        System.getProperty("ledgerloop.standaloneJar"),
                        "--data=" + data,
                        "--port=" + port)
                .redirectErrorStream(true)
                .start();
        Thread output = new Thread(StandaloneJarIT::readConsole);
        output.setDaemon(true);
        output.start();
        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() -> key() != null && get("/actuator/health").statusCode() == 200);
    }

    @AfterAll
    static void stopTheJar() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Test
    void the_runnable_jar_starts_the_whole_system_and_serves_the_api() throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/agent/sessions"))
                        .header("X-API-Key", key())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"encryptedTitle\":" + ENVELOPE + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"status\":\"Active\"");
    }

    @Test
    void a_clean_start_prints_a_short_summary_without_warnings() {
        List<String> beforeTheKey = console.subList(0, indexOfTheKeyLine());
        assertThat(beforeTheKey).hasSizeLessThanOrEqualTo(MOST_LINES_BEFORE_THE_KEY);
        assertThat(String.join("\n", beforeTheKey))
                .contains("http://localhost:", "esdb://", "mongodb://", "command side", "query side")
                .contains(logFile().toString());
        assertThat(console).noneMatch(line -> line.contains("WARN"));
    }

    @Test
    void the_log_file_holds_the_detail_but_no_key_or_secret() throws IOException {
        String log = Files.readString(logFile());
        assertThat(log)
                .contains("Started GatewayApplication", "Ledgerloop started")
                .doesNotContain("WARN");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(logFile().getParent())))
                .isEqualTo("rwx------");
        StandaloneSecrets secrets = StandaloneSecrets.loadOrCreate(data);
        assertThat(log)
                .doesNotContain("hlp_")
                .doesNotContain(key())
                .doesNotContain(secrets.masterKey())
                .doesNotContain(secrets.principalSecret());
        assertThat(SecretPatterns.findIn(log)).isEmpty();
    }

    private static Path logFile() {
        return data.resolve("logs").resolve("ledgerloop.log").toAbsolutePath();
    }

    private static String key() {
        int index = indexOfTheKeyLine();
        return index < 0 ? null : keyIn(console.get(index));
    }

    private static int indexOfTheKeyLine() {
        for (int i = 0; i < console.size(); i++) {
            if (keyIn(console.get(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    private static String keyIn(String line) {
        Matcher matcher = KEY.matcher(line);
        return matcher.find() ? matcher.group() : null;
    }

    private static HttpResponse<Void> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void readConsole() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                console.add(line);
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
