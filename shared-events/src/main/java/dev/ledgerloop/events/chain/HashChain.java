package dev.ledgerloop.events.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-stream hash chain (docs/architecture.md §Hash chain): {@code hash = hex(SHA-256(prevHash ‖ canonical metadata
 * without "hash" ‖ ciphertext))}, where prevHash enters as its 32 raw bytes and the first event's prevHash is {@link
 * #GENESIS}.
 */
public final class HashChain {
    public static final String GENESIS = "0".repeat(64);
    public static final String PREV_HASH_FIELD = "prevHash";
    public static final String HASH_FIELD = "hash";

    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {}

    /** The hash of an event whose metadata (carrying its {@code prevHash}) and ciphertext are given. */
    public static String hash(ObjectNode metadata, byte[] ciphertext) {
        JsonNode prevHash = metadata.get(PREV_HASH_FIELD);
        if (prevHash == null || !isHash(prevHash.asText())) {
            throw new IllegalArgumentException("Metadata prevHash must be 64 lowercase hex digits");
        }
        MessageDigest sha256 = sha256();
        sha256.update(HEX.parseHex(prevHash.asText()));
        sha256.update(CanonicalJson.write(metadata, HashChain::isHashed));
        sha256.update(ciphertext);
        return HEX.formatHex(sha256.digest());
    }

    /**
     * Every metadata name but the hash itself and top-level names starting with {@code $}: EventStoreDB's Java client
     * adds {@code $traceId} and {@code $spanId} to JSON metadata as it appends, after we hashed it. Ours never start
     * with {@code $}.
     */
    private static boolean isHashed(String name) {
        return !name.equals(HASH_FIELD) && !name.startsWith("$");
    }

    private static boolean isHash(String text) {
        return text != null && text.length() == 64 && text.chars().allMatch(HashChain::isLowerHexDigit);
    }

    private static boolean isLowerHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JRE has SHA-256", e);
        }
    }
}
