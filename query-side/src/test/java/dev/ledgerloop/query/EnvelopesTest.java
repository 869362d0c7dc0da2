package dev.ledgerloop.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;

/** An envelope's view document is what Jackson makes of the records, field for field, with the same BSON types. */
class EnvelopesTest {
    private static final JsonWriterSettings EXTENDED =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    @Test
    void an_envelope_is_stored_as_jackson_writes_it() {
        List<EncryptedEnvelope> envelopes = List.of(
                new EncryptedEnvelope(
                        EncryptedEnvelope.VERSION,
                        EncryptedEnvelope.ALGORITHM,
                        "Y2lwaGVydGV4dA",
                        List.of(new Wrapping("human-1", "ZXBr", "d3JhcHBlZA"), new Wrapping("agent-ü", "", "x"))),
                new EncryptedEnvelope(7, null, null, List.of()),
                new EncryptedEnvelope(-1, "", "\u0000", List.of(new Wrapping(null, null, null))));

        for (EncryptedEnvelope envelope : envelopes) {
            assertThat(Envelopes.document(envelope).toJson(EXTENDED))
                    .isEqualTo(new Document(new ObjectMapper().convertValue(envelope, Map.class)).toJson(EXTENDED));
        }
    }

    @Test
    void no_envelope_is_no_document() {
        assertThat(Envelopes.document(null)).isNull();
    }
}
