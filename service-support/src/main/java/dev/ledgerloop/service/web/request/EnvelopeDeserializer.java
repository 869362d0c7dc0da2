package dev.ledgerloop.service.web.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.EnvelopeParser;
import java.io.IOException;

/**
 * Binds an end-to-end encrypted envelope sent as a JSON object or as a string holding one, with the checks and
 * messages of {@link EnvelopeParser}; an {@link dev.ledgerloop.events.envelope.InvalidEnvelopeException} names the
 * field.
 */
final class EnvelopeDeserializer extends StdDeserializer<EncryptedEnvelope> {
    static final int MAX_ENVELOPE_BYTES = 256 * 1024;

    private final EnvelopeParser envelopes = new EnvelopeParser(MAX_ENVELOPE_BYTES);

    EnvelopeDeserializer() {
        super(EncryptedEnvelope.class);
    }

    @Override
    public EncryptedEnvelope deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String field = parser.currentName();
        // The context's readTree, not the parser's: that one goes through the mapper, which then requires the rest of
        // the body (after this field) to be empty when FAIL_ON_TRAILING_TOKENS is on.
        JsonNode value = context.readTree(parser);
        return envelopes.parse(field, value);
    }
}
