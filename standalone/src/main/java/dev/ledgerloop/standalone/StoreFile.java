package dev.ledgerloop.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Which file of its directory the embedded MongoDB opens, and the one-time move from the file of the versions before
 * documents were stored as BSON ({@link BsonDocumentType}): {@value #BEFORE_BSON}, copied into {@value #CURRENT}
 * ({@link StoreCopy}), then replaced by a short text that says where the store went.
 *
 * <p>The text is what keeps an older version from starting on a moved directory: it cannot read the BSON file and
 * would create an empty store in its place, without the keyring's data keys, and encrypt new events with new keys
 * the moved store never sees. H2 cannot open the text as a store, so an older version stops at its start instead.
 *
 * <p>Each step can be cut by a crash: the copy is written under another name and moved into place once complete and
 * synced; the old file is replaced only after that, by an atomic move; a start finds where the last one stopped.
 */
final class StoreFile {
    static final String CURRENT = "ledgerloop-bson.mv";
    static final String BEFORE_BSON = "ledgerloop.mv";
    private static final String PARTIAL_SUFFIX = ".partial";
    private static final byte[] H2_HEADER = "H:2,".getBytes(StandardCharsets.US_ASCII);

    private StoreFile() {}

    /** The store's file in {@code directory}, moved from the older file first if that one is still there. */
    static Path prepare(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path current = directory.resolve(CURRENT);
        Path older = directory.resolve(BEFORE_BSON);
        if (!isH2Store(older)) {
            return current;
        }
        if (!Files.exists(current)) {
            Path partial = directory.resolve(CURRENT + PARTIAL_SUFFIX);
            Files.deleteIfExists(partial);
            StoreCopy.copy(older, partial);
            Files.move(partial, current, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(directory);
        }
        Path note = directory.resolve(BEFORE_BSON + PARTIAL_SUFFIX);
        Files.writeString(note, movedNote(), StandardCharsets.UTF_8);
        sync(note);
        Files.move(note, older, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(directory);
        return current;
    }

    static boolean isH2Store(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(H2_HEADER.length), H2_HEADER);
        }
    }

    private static String movedNote() {
        return "Ledgerloop's embedded MongoDB moved from this file to " + CURRENT + " in the same directory: its"
                + " documents are stored as BSON there.\nA Ledgerloop version from before that change cannot read the"
                + " new file and does not start on this directory (H2 cannot open this text as a store).\n";
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
