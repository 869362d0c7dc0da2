package dev.ledgerloop.events.envelope;

import java.util.List;

/**
 * Content a client encrypted end to end (docs/api.md §Encrypted envelope); the server checks its shape with
 * {@link EnvelopeParser} and stores it opaque, never decrypting it.
 */
public record EncryptedEnvelope(int v, String alg, String ciphertext, List<Wrapping> wrappings) {
    public static final int VERSION = 1;
    public static final String ALGORITHM = "X25519-HKDF-SHA256-A256GCM";

    public EncryptedEnvelope {
        wrappings = List.copyOf(wrappings);
    }
}
