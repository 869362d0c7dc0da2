package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.StandaloneProcess;
import dev.ledgerloop.standalone.secrets.SecretPatterns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command as a user runs it: the executable jar in a JVM of its own (its class path is the fat
 * jar's, not the test's), started once for this class on a new data directory. It prints a short summary and the
 * keys, logs the detail to a file without them, and answers a session create through the gateway with the key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneJarIT {
    private static final Pattern KEY = Pattern.compile("hlp_[0-9a-f]{64}");
    private static final int MOST_LINES_BEFORE_THE_KEY = 20;
    /** A logger that writes INFO lines at every start, set to OFF the way a user sets a level. */
    private static final String QUIETED_LOGGER = "de.bwaldvogel.mongo.MongoServer";

    private static final String QUIETED_LOGGER_LEVEL = "logging.level." + QUIETED_LOGGER + "=OFF";

    @TempDir
    static Path data;

    private static StandaloneProcess process;

    @BeforeAll
    static void startTheJar() throws Exception {
        process = StandaloneProcess.start(data, List.of("-D" + QUIETED_LOGGER_LEVEL), Duration.ofMinutes(2));
        await().atMost(Duration.ofMinutes(2)).until(() -> key() != null);
    }

    @AfterAll
    static void stopTheJar() throws InterruptedException {
        process.stop();
    }

    @Test
    void the_runnable_jar_starts_the_whole_system_and_serves_the_api() throws Exception {
        createSession();
    }

    /** A session created through the gateway with the printed key; answers its id. */
    private static String createSession() throws Exception {
        Answer created = agent().post("/v1/agent/sessions", "{\"encryptedTitle\":" + envelope() + "}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("status").asText()).isEqualTo("Active");
        return created.id();
    }

    @Test
    void a_clean_start_prints_a_short_summary_without_warnings() {
        List<String> console = process.console();
        List<String> beforeTheKey = console.subList(0, indexOfTheKeyLine());
        assertThat(beforeTheKey).hasSizeLessThanOrEqualTo(MOST_LINES_BEFORE_THE_KEY);
        assertThat(String.join("\n", beforeTheKey))
                .contains("http://localhost:", "esdb://", "mongodb://", "command side", "query side")
                .contains(logFile().toString());
        assertThat(console).noneMatch(line -> line.contains("WARN"));
    }

    @Test
    void a_level_set_as_a_system_property_applies_to_the_log_file() throws IOException {
        assertThat(Files.readString(logFile()))
                .contains("Started StandaloneMain")
                .doesNotContain(QUIETED_LOGGER);
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

    /**
     * SIGTERM, as a service manager stops it: the services stop before the stores they write to, so their processors
     * finish and store their tokens. Spring's own shutdown hook used to close the same contexts on another thread;
     * when it waited on a processor, the system's hook took the context for stuck, went on and closed MongoDB under
     * it ("Timed out during shutdown phase", "Closing 29 clients"), every time sends were in flight and a stream
     * open. Last: the jar is gone afterwards.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void a_stop_closes_the_services_before_their_stores_without_warnings() throws Exception {
        // What a newcomer opens first: the API description, merged from both backends by the gateway's own client.
        assertThat(agent().get("/openapi.json").status()).isEqualTo(200);
        // Commands to sessions that do not exist: 404s, not warnings (Axon logs each failed load at WARN).
        for (int i = 0; i < 3; i++) {
            assertThat(agent().post("/v1/agent/sessions/" + UUID.randomUUID() + "/close", "{}")
                            .status())
                    .isEqualTo(404);
        }
        String session = createSession();
        agent().sendAsync("GET", "/v1/agent/stream", null);
        AtomicInteger sent = new AtomicInteger();
        for (int i = 0; i < 40; i++) {
            agent().sendAsync(
                            "POST",
                            "/v1/agent/sessions/" + session + "/messages",
                            "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true}")
                    .thenAccept(answer -> sent.incrementAndGet());
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> sent.get() >= 5);

        process.stop();

        assertThat(Files.readString(logFile())).contains("Ledgerloop stopped").doesNotContain("WARN");
    }

    private static Path logFile() {
        return data.resolve("logs").resolve("ledgerloop.log").toAbsolutePath();
    }

    private static String key() {
        return process.printedKey();
    }

    /** The API through the jar's gateway with the printed key. */
    private static Api agent() {
        return Api.gateway(process.port()).withKey(key());
    }

    private static int indexOfTheKeyLine() {
        List<String> console = process.console();
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
}
