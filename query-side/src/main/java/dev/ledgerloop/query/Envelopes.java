package dev.ledgerloop.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Map;
import org.bson.Document;

/** End-to-end envelopes as view documents: stored as they are, opaque, and answered as the same JSON object. */
public final class Envelopes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Envelopes() {}

    @SuppressWarnings("unchecked")
    public static Document document(EncryptedEnvelope envelope) {
        return envelope == null ? null : new Document(JSON.convertValue(envelope, Map.class));
    }
}
