package dev.ledgerloop.events.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An evidence bundle: a zip that lets anyone check a session's (or one decision's) record without our server
 * (docs/verifiable-record.md, "Evidence bundles"). Entries:
 *
 * <ul>
 *   <li>{@code manifest.json}: format, space, session, decision, time, counts, whether content was erased;
 *   <li>{@code records.jsonl}: one {@link BundleRecord} per line (byte arrays in base64);
 *   <li>{@code keys.json}: the {@link StreamKey}s of the streams whose payloads are given;
 *   <li>{@code checkpoint.txt}: the signed checkpoint every proof is against;
 *   <li>{@code verifier-key.txt}: the C2SP verifier key that signed it;
 *   <li>{@code consistency.json}: optional, a {@link ConsistencyProof} from a tree size the requester trusts;
 *   <li>{@code README.txt}: how to check it.
 * </ul>
 */
public record EvidenceBundle(
        Manifest manifest,
        List<BundleRecord> records,
        List<StreamKey> keys,
        String checkpoint,
        String verifierKey,
        ConsistencyProof consistency,
        String readme) {
    public static final String FORMAT = "ledgerloop-evidence/1";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What the bundle is about. {@code messageId} is null for a whole session. */
    public record Manifest(
            String format,
            String spaceId,
            String sessionId,
            String messageId,
            String exportedAt,
            int records,
            boolean contentErased) {}

    public void writeTo(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            for (BundleRecord record : records) {
                lines.write(JSON.writeValueAsBytes(record));
                lines.write('\n');
            }
            put(zip, "records.jsonl", lines.toByteArray());
            put(zip, "keys.json", JSON.writeValueAsBytes(keys));
            put(zip, "checkpoint.txt", checkpoint.getBytes(StandardCharsets.UTF_8));
            put(zip, "verifier-key.txt", (verifierKey + "\n").getBytes(StandardCharsets.UTF_8));
            if (consistency != null) {
                put(zip, "consistency.json", JSON.writeValueAsBytes(consistency));
            }
            put(zip, "README.txt", readme.getBytes(StandardCharsets.UTF_8));
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws IOException if the bytes are not a readable bundle */
    public static EvidenceBundle read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        Manifest manifest = JSON.readValue(required(entries, "manifest.json"), Manifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new IOException("Not a " + FORMAT + " bundle: format " + manifest.format());
        }
        List<BundleRecord> records = new ArrayList<>();
        for (String line : new String(required(entries, "records.jsonl"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readValue(line, BundleRecord.class));
            }
        }
        List<StreamKey> keys = JSON.readValue(required(entries, "keys.json"), new TypeReference<>() {});
        ConsistencyProof consistency = Optional.ofNullable(entries.get("consistency.json"))
                .map(bytes -> {
                    try {
                        return JSON.readValue(bytes, ConsistencyProof.class);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElse(null);
        return new EvidenceBundle(
                manifest,
                records,
                keys,
                new String(required(entries, "checkpoint.txt"), StandardCharsets.UTF_8),
                new String(required(entries, "verifier-key.txt"), StandardCharsets.UTF_8).strip(),
                consistency,
                new String(entries.getOrDefault("README.txt", new byte[0]), StandardCharsets.UTF_8));
    }

    public static EvidenceBundle read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static byte[] required(Map<String, byte[]> entries, String name) throws IOException {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IOException("The bundle has no " + name);
        }
        return bytes;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
