package dev.ledgerloop.bench;

import dev.ledgerloop.standalone.LedgerloopSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * What a benchmark run with {@code data=DIR} loaded, so that a later run on the same directory measures at once. It
 * keeps the bootstrap key, which the system hands out only on its first start, next to the data directory's own
 * secrets (an owner-only file, as theirs).
 */
record LoadedLog(long events, int sessions, double loadSeconds, String key) {
    private static final String FILE = "bench-loaded.properties";

    /** The directory {@code data=} names (created if need be), or a temporary one named by {@code prefix}. */
    static Path directory(String kept, String prefix) throws IOException {
        return kept != null ? Files.createDirectories(Path.of(kept)) : Files.createTempDirectory(prefix);
    }

    /** The bootstrap key of a system the benchmark is about to load; refused for a directory it did not load. */
    static String keyOfFresh(LedgerloopSystem system, Path data) {
        String key = system.secrets().bootstrapKeyOnce();
        if (key == null) {
            throw new IllegalStateException(
                    data + " holds a system this benchmark did not load: give it an empty directory");
        }
        return key;
    }

    /** What an earlier run kept in {@code data}, or null when it holds nothing a benchmark loaded. */
    static LoadedLog readFrom(Path data) throws IOException {
        Path file = data.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return new LoadedLog(
                Long.parseLong(properties.getProperty("events")),
                Integer.parseInt(properties.getProperty("sessions")),
                Double.parseDouble(properties.getProperty("load-seconds")),
                properties.getProperty("key"));
    }

    void writeTo(Path data) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("events", Long.toString(events));
        properties.setProperty("sessions", Integer.toString(sessions));
        properties.setProperty("load-seconds", Double.toString(loadSeconds));
        properties.setProperty("key", key);
        Path file = Files.createFile(
                data.resolve(FILE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "What a benchmark loaded into this directory");
        }
    }
}
