package dev.ledgerloop.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.security.SecureRandom;
import java.util.Base64;

/** Random end-to-end envelopes of a realistic size (a 200-byte message for one recipient), as clients send them. */
final class SampleEnvelopes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEnvelopes() {}

    /** The envelope as JSON. */
    static String envelope() {
        return "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\",\"ciphertext\":\"" + base64(12 + 200 + 16)
                + "\",\"wrappings\":[{\"kid\":\"human-1\",\"epk\":\"" + base64(32) + "\",\"wrappedKey\":\""
                + base64(60) + "\"}]}";
    }

    /** The envelope as events carry it. */
    static EncryptedEnvelope envelopeRecord() {
        try {
            return JSON.readValue(envelope(), EncryptedEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
