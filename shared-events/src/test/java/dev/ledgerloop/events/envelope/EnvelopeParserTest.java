package dev.ledgerloop.events.envelope;

import static dev.ledgerloop.events.fixtures.Envelopes.anEnvelope;
import static dev.ledgerloop.events.fixtures.Envelopes.randomBase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final EnvelopeParser parser = new EnvelopeParser(64 * 1024);

    @Test
    void accepts_a_well_formed_envelope_object() {
        EncryptedEnvelope envelope = anEnvelope().withRecipients(2).build();

        assertThat(parser.parse("encryptedContent", MAPPER.valueToTree(envelope)))
                .isEqualTo(envelope);
    }

    @Test
    void accepts_the_same_envelope_sent_as_a_string() throws Exception {
        EncryptedEnvelope envelope = anEnvelope().build();
        JsonNode asString = TextNode.valueOf(MAPPER.writeValueAsString(envelope));

        assertThat(parser.parse("encryptedContent", asString)).isEqualTo(envelope);
    }

    @Test
    void accepts_the_smallest_ciphertext_a_nonce_and_a_tag() {
        EncryptedEnvelope envelope = anEnvelope().withCiphertextBytes(28).build();

        assertThat(parser.parse("encryptedContent", MAPPER.valueToTree(envelope)))
                .isEqualTo(envelope);
    }

    @Test
    void writes_the_shape_it_reads() {
        ObjectNode json = anEnvelope().buildJson();

        assertThat(MAPPER.<JsonNode>valueToTree(parser.parse("encryptedTitle", json)))
                .isEqualTo(json);
        assertThat(json.fieldNames()).toIterable().containsExactly("v", "alg", "ciphertext", "wrappings");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEnvelopes")
    void names_the_first_malformed_field(String problem, Consumer<ObjectNode> breakIt, String message) {
        ObjectNode json = anEnvelope().withRecipients(2).buildJson();
        breakIt.accept(json);

        assertThatThrownBy(() -> parser.parse("encryptedContent", json))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEnvelopes")
    void names_the_same_field_when_the_envelope_is_a_string(
            String problem, Consumer<ObjectNode> breakIt, String message) {
        ObjectNode json = anEnvelope().withRecipients(2).buildJson();
        breakIt.accept(json);

        assertThatThrownBy(() -> parser.parse("encryptedContent", TextNode.valueOf(json.toString())))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> malformedEnvelopes() {
        String field = "Field 'encryptedContent";
        return Stream.of(
                broken("v missing", remove("v"), field + ".v' is required"),
                broken("v 2", set("v", 2), field + ".v' must be 1"),
                broken("v as a string", set("v", "1"), field + ".v' must be 1"),
                broken("alg missing", remove("alg"), field + ".alg' is required"),
                broken(
                        "another alg",
                        set("alg", "X25519-HKDF-SHA256-A128GCM"),
                        field + ".alg' must be 'X25519-HKDF-SHA256-A256GCM'"),
                broken("ciphertext missing", remove("ciphertext"), field + ".ciphertext' is required"),
                broken(
                        "ciphertext not base64",
                        set("ciphertext", "not base64!"),
                        field + ".ciphertext' must be base64 of at least 28 bytes"),
                broken(
                        "ciphertext url-safe base64",
                        set("ciphertext", "____" + randomBase64(30)),
                        field + ".ciphertext' must be base64 of at least 28 bytes"),
                broken(
                        "ciphertext without padding",
                        set("ciphertext", randomBase64(29).replace("=", "")),
                        field + ".ciphertext' must be base64 of at least 28 bytes"),
                broken(
                        "ciphertext shorter than nonce and tag",
                        set("ciphertext", randomBase64(27)),
                        field + ".ciphertext' must be base64 of at least 28 bytes"),
                broken(
                        "ciphertext a number",
                        set("ciphertext", 12),
                        field + ".ciphertext' must be base64 of at least 28 bytes"),
                broken("wrappings missing", remove("wrappings"), field + ".wrappings' is required"),
                broken(
                        "no wrappings",
                        json -> json.putArray("wrappings"),
                        field + ".wrappings' must be a non-empty array"),
                broken(
                        "wrappings an object",
                        json -> json.putObject("wrappings"),
                        field + ".wrappings' must be a non-empty array"),
                broken(
                        "a wrapping not an object",
                        json -> wrappings(json).set(1, TextNode.valueOf("x")),
                        field + ".wrappings[1]' must be an object"),
                broken(
                        "kid missing",
                        json -> wrapping(json, 0).remove("kid"),
                        field + ".wrappings[0].kid' is required"),
                broken(
                        "kid empty",
                        json -> wrapping(json, 0).put("kid", ""),
                        field + ".wrappings[0].kid' must be a non-empty string of at most 200 characters"),
                broken(
                        "kid too long",
                        json -> wrapping(json, 1).put("kid", "k".repeat(201)),
                        field + ".wrappings[1].kid' must be a non-empty string of at most 200 characters"),
                broken(
                        "epk of 31 bytes",
                        json -> wrapping(json, 0).put("epk", randomBase64(31)),
                        field + ".wrappings[0].epk' must be base64 of 32 bytes"),
                broken(
                        "epk of 33 bytes",
                        json -> wrapping(json, 1).put("epk", randomBase64(33)),
                        field + ".wrappings[1].epk' must be base64 of 32 bytes"),
                broken(
                        "epk missing",
                        json -> wrapping(json, 1).remove("epk"),
                        field + ".wrappings[1].epk' is required"),
                broken(
                        "wrappedKey of 59 bytes",
                        json -> wrapping(json, 0).put("wrappedKey", randomBase64(59)),
                        field + ".wrappings[0].wrappedKey' must be base64 of 60 bytes"),
                broken(
                        "wrappedKey not base64",
                        json -> wrapping(json, 1).put("wrappedKey", "%%%%"),
                        field + ".wrappings[1].wrappedKey' must be base64 of 60 bytes"),
                broken("an unknown envelope field", set("aad", "x"), field + ".aad' is not allowed"),
                broken(
                        "an unknown wrapping field",
                        json -> wrapping(json, 0).put("alg", "x"),
                        field + ".wrappings[0].alg' is not allowed"));
    }

    @Test
    void a_missing_or_null_envelope_is_required() {
        assertThatThrownBy(() -> parser.parse("encryptedContent", null))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessage("Field 'encryptedContent' is required");
        assertThatThrownBy(() -> parser.parse("encryptedContent", JsonNodeFactory.instance.nullNode()))
                .hasMessage("Field 'encryptedContent' is required");
    }

    @Test
    void anything_but_an_object_or_a_string_holding_one_is_refused() {
        String message = "Field 'encryptedTitle' must be an encrypted envelope object or a string holding one";

        assertThatThrownBy(() -> parser.parse("encryptedTitle", JsonNodeFactory.instance.numberNode(1)))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> parser.parse("encryptedTitle", TextNode.valueOf("hello")))
                .hasMessage(message);
        assertThatThrownBy(() -> parser.parse("encryptedTitle", TextNode.valueOf("[1]")))
                .hasMessage(message);
    }

    @Test
    void an_envelope_over_the_size_limit_is_refused_in_either_form() {
        EnvelopeParser small = new EnvelopeParser(300);
        ObjectNode json = anEnvelope().withCiphertextBytes(400).buildJson();

        assertThatThrownBy(() -> small.parse("encryptedContent", json))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessage("Field 'encryptedContent' must be at most 300 bytes");
        assertThatThrownBy(() -> small.parse("encryptedContent", TextNode.valueOf(json.toString())))
                .hasMessage("Field 'encryptedContent' must be at most 300 bytes");
    }

    private static Arguments broken(String problem, Consumer<ObjectNode> breakIt, String message) {
        return arguments(problem, breakIt, message);
    }

    private static Consumer<ObjectNode> remove(String name) {
        return json -> json.remove(name);
    }

    private static Consumer<ObjectNode> set(String name, Object value) {
        return json -> json.set(name, MAPPER.valueToTree(value));
    }

    private static ArrayNode wrappings(ObjectNode json) {
        return (ArrayNode) json.get("wrappings");
    }

    private static ObjectNode wrapping(ObjectNode json, int index) {
        return (ObjectNode) wrappings(json).get(index);
    }
}
