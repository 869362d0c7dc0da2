package dev.ledgerloop.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Secrets the embedded default generates into its data directory: written to a temporary file readable by the owner
 * only, then moved into place in one step, so a crash never leaves a half-written or world-readable secret.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    static void write(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(
                temporary,
                content,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: the data directory's own permissions have to do.
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
