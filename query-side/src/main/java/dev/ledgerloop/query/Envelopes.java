package dev.ledgerloop.query;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * End-to-end envelopes as view documents: stored as they are, opaque, and answered as the same JSON object. The
 * fields are those Jackson writes of the records, in their order, nulls included.
 */
public final class Envelopes {
    private Envelopes() {}

    public static Document document(EncryptedEnvelope envelope) {
        if (envelope == null) {
            return null;
        }
        List<Document> wrappings = new ArrayList<>(envelope.wrappings().size());
        for (Wrapping wrapping : envelope.wrappings()) {
            wrappings.add(new Document("kid", wrapping.kid())
                    .append("epk", wrapping.epk())
                    .append("wrappedKey", wrapping.wrappedKey()));
        }
        return new Document("v", envelope.v())
                .append("alg", envelope.alg())
                .append("ciphertext", envelope.ciphertext())
                .append("wrappings", wrappings);
    }
}
