package dev.ledgerloop.standalone.crash;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The executable jar in a JVM of its own, on a data directory, as a user starts it; and killed as a crash kills it. */
final class StandaloneProcess {
    private static final Pattern KEY = Pattern.compile("hlp_[0-9a-f]{64}");
    private static final Pattern EVENT_STORE = Pattern.compile("esdb://\\S+");
    /** For the child JVM; C1 only and the serial collector start the three Spring contexts faster on two cores. */
    private static final List<String> JVM_OPTIONS =
            List.of(System.getProperty("ledgerloop.crash.jvmOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                    .split("\\s+"));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final List<String> console = new CopyOnWriteArrayList<>();

    private StandaloneProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::readConsole, "standalone-console-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar and waits until its gateway answers; {@code settings} become the child's system properties. */
    static StandaloneProcess start(Path data, List<String> settings, Duration startTimeout) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(JVM_OPTIONS);
        command.addAll(settings.stream().map(setting -> "-D" + setting).toList());
        command.addAll(List.of("-jar", jar(), "--data=" + data, "--port=" + port));
        StandaloneProcess started = new StandaloneProcess(
                new ProcessBuilder(command).redirectErrorStream(true).start(), port);
        await().atMost(startTimeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .failFast(
                        "the jar exited with " + started.exitValueOrNull() + ":\n" + started.consoleText(),
                        () -> !started.process.isAlive())
                .until(() -> started.eventStore() != null && started.health() == 200);
        return started;
    }

    /** A human's Bearer token, from {@code --mint-token} in a JVM of its own, as the README shows. */
    static String mintToken(Path data, String userId) throws IOException, InterruptedException {
        Process mint = new ProcessBuilder(java(), "-jar", jar(), "--data=" + data, "--mint-token=" + userId)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!mint.waitFor(2, TimeUnit.MINUTES) || mint.exitValue() != 0) {
            throw new IllegalStateException("--mint-token failed");
        }
        return token;
    }

    /** Runs the jar on a data directory it must refuse; answers its exit status and console. */
    static Refusal startExpectingRefusal(Path data, Duration timeout) throws IOException, InterruptedException {
        Process refused = new ProcessBuilder(java(), "-jar", jar(), "--data=" + data, "--port=" + freePort())
                .redirectErrorStream(true)
                .start();
        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!refused.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            refused.destroyForcibly();
            throw new IllegalStateException("The jar neither started nor refused:\n" + output);
        }
        return new Refusal(refused.exitValue(), output);
    }

    record Refusal(int exitStatus, String console) {}

    /** SIGKILL on Linux: no shutdown hook, no flush, no close. Nothing if it has ended already. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The killed jar is still running");
        }
    }

    /** A clean stop (SIGTERM: the shutdown hook closes everything). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** The API key printed by the first start of a data directory, else {@code null}. */
    String printedKey() {
        return console.stream()
                .map(KEY::matcher)
                .filter(Matcher::find)
                .map(Matcher::group)
                .findFirst()
                .orElse(null);
    }

    /** The embedded event store's connection string, as the start prints it. */
    String eventStore() {
        return console.stream()
                .map(EVENT_STORE::matcher)
                .filter(Matcher::find)
                .map(Matcher::group)
                .findFirst()
                .orElse(null);
    }

    String consoleText() {
        return String.join("\n", console);
    }

    private Integer exitValueOrNull() {
        return process.isAlive() ? null : process.exitValue();
    }

    private int health() throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void readConsole() {
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

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return System.getProperty("ledgerloop.standaloneJar");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
