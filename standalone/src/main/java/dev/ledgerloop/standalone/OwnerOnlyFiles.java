package dev.ledgerloop.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory and the secrets the embedded default generates into it, readable by the owner only from the
 * moment they exist: directories are created {@code rwx------}, and a secret is written to a temporary file created
 * {@code rw-------} (never under the process umask and chmod-ed afterwards, which leaves a window to open it), then
 * moved into place in one step, so a crash never leaves a half-written or readable secret. On a file system without
 * POSIX permissions the directory's own protection has to do.
 */
public final class OwnerOnlyFiles {
    private static final String OWNER_ONLY_FILE = "rw-------";
    private static final String OWNER_ONLY_DIRECTORY = "rwx------";

    private OwnerOnlyFiles() {}

    /** Creates the directory and any missing parents owner-only; an existing directory is left as it is. */
    public static Path createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        if (isPosix(directory)) {
            return Files.createDirectories(
                    directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_DIRECTORY)));
        }
        return Files.createDirectories(directory);
    }

    static void write(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = isPosix(file.toAbsolutePath().getParent())
                ? Files.newByteChannel(
                        temporary,
                        options,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)))
                : Files.newByteChannel(temporary, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isPosix(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
