package dev.ledgerloop.bench.peer;

import dev.ledgerloop.bench.BenchArgs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster for one benchmark run: {@code initdb} into a temporary directory, {@code pg_ctl start} on a free
 * loopback port with the unix socket in that directory, the server's defaults otherwise (fsync and synchronous_commit
 * on). {@link #close()} stops it and deletes the directory; a shutdown hook does the same if the run dies first.
 * PostgreSQL refuses to run as root, so as root its programs run as the {@code postgres} user ({@code runuser}).
 */
final class ThrowawayPostgres implements AutoCloseable {
    static final String USER = "postgres";
    static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binDirectory;
    private final Path directory;
    private final Path dataDirectory;
    private final int port;
    private final Thread cleanUp;
    private boolean stopped;

    private ThrowawayPostgres(Path binDirectory, Path directory, int port) {
        this.binDirectory = binDirectory;
        this.directory = directory;
        this.dataDirectory = directory.resolve("data");
        this.port = port;
        this.cleanUp = new Thread(this::stopAndDelete, "throwaway-postgres-cleanup");
    }

    static ThrowawayPostgres start(Path binDirectory, Path parent) throws IOException, InterruptedException {
        if (!Files.isExecutable(binDirectory.resolve("initdb"))) {
            throw new IllegalArgumentException("No initdb in " + binDirectory + " (give pgBin=<PostgreSQL's bin>)");
        }
        Path directory = Files.createTempDirectory(parent, "ledgerloop-peer-pg-");
        ThrowawayPostgres postgres = new ThrowawayPostgres(binDirectory, directory, freePort());
        Runtime.getRuntime().addShutdownHook(postgres.cleanUp);
        try {
            postgres.initAndStart();
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** PostgreSQL's programs: the benchmark's {@code pgBin} argument, else {@link #DEFAULT_BIN}. */
    static Path binDirectory(String[] args) {
        String bin = BenchArgs.stringArg(args, "pgBin");
        return Path.of(bin == null ? DEFAULT_BIN : bin);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The postmaster's process id, for the CPU its processes spend. */
    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                .get(0)
                .trim());
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the cluster
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        if (runsAsRoot()) {
            run(List.of("chown", "-R", USER + ":", directory.toString()));
        }
        run(asPostgres(List.of(
                binDirectory.resolve("initdb").toString(),
                "-D",
                dataDirectory.toString(),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-instructions")));
        run(asPostgres(List.of(
                binDirectory.resolve("pg_ctl").toString(),
                "-D",
                dataDirectory.toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1",
                "-w",
                "start")));
    }

    private synchronized void stopAndDelete() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                run(asPostgres(List.of(
                        binDirectory.resolve("pg_ctl").toString(),
                        "-D",
                        dataDirectory.toString(),
                        "-m",
                        "fast",
                        "-w",
                        "stop")));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop the throwaway PostgreSQL in " + directory + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            TemporaryDirectories.deleteRecursively(directory);
        }
    }

    private static List<String> asPostgres(List<String> command) {
        if (!runsAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("commands.log").toFile()))
                .start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            String output = Files.readString(directory.resolve("commands.log"), StandardCharsets.UTF_8);
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
