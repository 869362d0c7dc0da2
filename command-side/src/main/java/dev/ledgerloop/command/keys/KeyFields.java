package dev.ledgerloop.command.keys;

import dev.ledgerloop.events.keys.PublicKeys;
import dev.ledgerloop.service.domain.DomainException;

/**
 * Checks the public keys of a registration (docs/api.md §Keys) and answers their ids; every problem is a 400 naming
 * the field. The agent's, a human's and the space's registrations check them alike.
 */
public final class KeyFields {
    public static final String BASE64_32 = "must be base64 of 32 bytes";

    private KeyFields() {}

    /**
     * @param fingerprint the id the client computed, or null; it must be the key's
     * @return the key's id (its fingerprint)
     */
    public static String x25519(String field, String publicKey, String fingerprint) {
        byte[] raw = raw(field, publicKey);
        if (!PublicKeys.isUsableX25519(raw)) {
            throw invalid(field, "is not a usable X25519 public key (it has small order)");
        }
        String id = PublicKeys.id(raw);
        if (fingerprint != null && !fingerprint.equals(id)) {
            throw invalid("fingerprint", "does not match the key: the fingerprint of this key is " + id);
        }
        return id;
    }

    /** @return the Ed25519 key's id */
    public static String ed25519(String field, String publicKey) {
        byte[] raw = raw(field, publicKey);
        if (!PublicKeys.isValidEd25519(raw)) {
            throw invalid(field, "is not an Ed25519 public key");
        }
        return PublicKeys.id(raw);
    }

    private static byte[] raw(String field, String publicKey) {
        if (publicKey == null) {
            throw invalid(field, "is required");
        }
        return PublicKeys.raw(publicKey).orElseThrow(() -> invalid(field, BASE64_32));
    }

    private static DomainException invalid(String field, String problem) {
        return DomainException.invalid("Field '" + field + "' " + problem);
    }
}
