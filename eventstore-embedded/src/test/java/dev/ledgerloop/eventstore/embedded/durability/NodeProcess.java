package dev.ledgerloop.eventstore.embedded.durability;

import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An embedded node running in a child JVM, so that the test can kill it with SIGKILL. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NodeProcess start(Path dataDirectory, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedEventStoreMain.class.getName(),
                        "--data=" + dataDirectory,
                        "--port=0"))
                .redirectError(log.toFile())
                .start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, ready), "node-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return new NodeProcess(process, ready.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads the child's output until it ends, so the child can never block on a full pipe. */
    private static void readStdout(Process process, CompletableFuture<Integer> ready) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    ready.complete(
                            Integer.parseInt(line.substring("READY ".length()).trim()));
                }
            }
            ready.completeExceptionally(new IllegalStateException("The node exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    String connectionString() {
        return "esdb://localhost:" + port + "?tls=false";
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The node did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
