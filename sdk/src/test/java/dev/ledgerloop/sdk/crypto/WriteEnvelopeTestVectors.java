package dev.ledgerloop.sdk.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.jcs.Jcs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes docs/envelope-test-vectors.json from fixed inputs (each "random" byte string is SHA-256 of a label, cut to
 * length). Run by hand when the vectors change: {@code java -cp <test classpath>
 * dev.ledgerloop.sdk.crypto.WriteEnvelopeTestVectors <repo>/docs/envelope-test-vectors.json}; EnvelopeTestVectorsTest
 * checks the SDK against the file.
 */
final class WriteEnvelopeTestVectors {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private WriteEnvelopeTestVectors() {}

    public static void main(String[] args) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put(
                "description",
                "Ledgerloop envelope test vectors (docs/sdk.md). Byte strings are standard padded base64; kids, key"
                        + " ids and SHA-256 values are lowercase hex. Sealing takes its random bytes in this order:"
                        + " contentKey (32), contentNonce (12), then per recipient in order: ephemeralPrivateKey (32),"
                        + " wrapNonce (12). Plaintexts and canonical JSON are given as text (encode as UTF-8). Fixed"
                        + " 'random' values are SHA-256 of a label, cut to length.");
        ArrayNode envelopes = root.putArray("envelopes");
        X25519KeyPair agent = X25519KeyPair.fromPrivateKey(bytes("recipient agent", 32));
        X25519KeyPair human = X25519KeyPair.fromPrivateKey(bytes("recipient human", 32));
        X25519KeyPair space = X25519KeyPair.fromPrivateKey(bytes("recipient space", 32));
        envelopes.add(
                envelope("one recipient, content", "{\"text\":\"Deploy **v2.3** to production?\"}", "one", agent));
        envelopes.add(envelope(
                "three recipients, components with non-ASCII text",
                "[{\"type\":\"header\",\"data\":{\"title\":\"Überweisung — 1 200 €\"}},"
                        + "{\"type\":\"approve_reject\",\"data\":{\"approveLabel\":\"Freigeben ✓\"}}]",
                "three",
                agent,
                human,
                space));
        envelopes.add(envelope("empty plaintext", "", "empty", human));

        root.set("tampered", tampered(agent, human));
        root.set("agentKeys", agentKeys());
        root.set("decision", decision());
        Path target = Path.of(args[0]);
        Files.writeString(target, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static ObjectNode envelope(String name, String plaintext, String label, X25519KeyPair... recipients) {
        List<byte[]> random = new ArrayList<>();
        ObjectNode vector = JSON.createObjectNode();
        vector.put("name", name);
        ArrayNode recipientList = vector.putArray("recipients");
        for (X25519KeyPair recipient : recipients) {
            recipientList
                    .addObject()
                    .put("kid", recipient.kid())
                    .put("privateKey", B64.encodeToString(recipient.privateKey()))
                    .put("publicKey", B64.encodeToString(recipient.publicKey()));
        }
        byte[] contentKey = bytes(label + " content key", 32);
        byte[] contentNonce = bytes(label + " content nonce", 12);
        random.add(contentKey);
        random.add(contentNonce);
        ObjectNode randomNode = vector.putObject("random");
        randomNode.put("contentKey", B64.encodeToString(contentKey));
        randomNode.put("contentNonce", B64.encodeToString(contentNonce));
        ArrayNode perRecipient = randomNode.putArray("perRecipient");
        ArrayNode intermediate = vector.putArray("intermediate");
        for (int i = 0; i < recipients.length; i++) {
            X25519KeyPair ephemeral = X25519KeyPair.fromPrivateKey(bytes(label + " ephemeral " + i, 32));
            byte[] wrapNonce = bytes(label + " wrap nonce " + i, 12);
            random.add(ephemeral.privateKey());
            random.add(wrapNonce);
            perRecipient
                    .addObject()
                    .put("ephemeralPrivateKey", B64.encodeToString(ephemeral.privateKey()))
                    .put("ephemeralPublicKey", B64.encodeToString(ephemeral.publicKey()))
                    .put("wrapNonce", B64.encodeToString(wrapNonce));
            byte[] shared = ephemeral.agree(recipients[i].publicKey());
            byte[] salt = concat(ephemeral.publicKey(), recipients[i].publicKey());
            intermediate
                    .addObject()
                    .put("kid", recipients[i].kid())
                    .put("sharedSecret", B64.encodeToString(shared))
                    .put("hkdfSalt", B64.encodeToString(salt))
                    .put("hkdfInfo", "ledgerloop/envelope/v1/wrap")
                    .put(
                            "wrapKey",
                            B64.encodeToString(Hkdf.sha256(
                                    shared, salt, "ledgerloop/envelope/v1/wrap".getBytes(StandardCharsets.UTF_8), 32)));
        }
        vector.put("plaintext", plaintext);
        List<EnvelopeRecipient> to = new ArrayList<>();
        for (X25519KeyPair recipient : recipients) {
            to.add(EnvelopeRecipient.of(recipient.publicKey()));
        }
        vector.set(
                "envelope",
                EnvelopeCipher.withRandom(new FixedRandomBytes(random))
                        .seal(plaintext, to)
                        .toJson());
        return vector;
    }

    private static ArrayNode tampered(X25519KeyPair agent, X25519KeyPair human) {
        Envelope good = EnvelopeCipher.withRandom(new FixedRandomBytes(List.of(
                        bytes("tamper content key", 32),
                        bytes("tamper content nonce", 12),
                        bytes("tamper ephemeral 0", 32),
                        bytes("tamper wrap nonce 0", 12),
                        bytes("tamper ephemeral 1", 32),
                        bytes("tamper wrap nonce 1", 12))))
                .seal(
                        "{\"action\":\"approve\"}",
                        List.of(EnvelopeRecipient.of(agent.publicKey()), EnvelopeRecipient.of(human.publicKey())));
        ArrayNode list = JSON.createArrayNode();
        list.add(tamper("the untampered envelope (opens: the control case)", good, agent, "{\"action\":\"approve\"}"));
        list.add(tamper(
                "one bit of the ciphertext flipped",
                new Envelope(flipLastBit(good.ciphertext()), good.wrappings()),
                agent,
                null));
        list.add(tamper(
                "one bit of the wrapped key flipped",
                new Envelope(
                        good.ciphertext(),
                        List.of(
                                new Envelope.Wrapping(
                                        good.wrappings().get(0).kid(),
                                        good.wrappings().get(0).epk(),
                                        flipLastBit(good.wrappings().get(0).wrappedKey())),
                                good.wrappings().get(1))),
                agent,
                null));
        list.add(tamper(
                "the human's wrapping relabelled with the agent's kid (the kid is the wrap's associated data)",
                new Envelope(
                        good.ciphertext(),
                        List.of(new Envelope.Wrapping(
                                agent.kid(),
                                good.wrappings().get(1).epk(),
                                good.wrappings().get(1).wrappedKey()))),
                agent,
                null));
        list.add(tamper(
                "the ephemeral key of another wrapping",
                new Envelope(
                        good.ciphertext(),
                        List.of(new Envelope.Wrapping(
                                agent.kid(),
                                good.wrappings().get(1).epk(),
                                good.wrappings().get(0).wrappedKey()))),
                agent,
                null));
        list.add(tamper(
                "no wrapping for the recipient's kid",
                new Envelope(good.ciphertext(), List.of(good.wrappings().get(1))),
                agent,
                null));
        list.add(tamper(
                "the ciphertext cut to its nonce and tag",
                new Envelope(
                        B64.encodeToString(
                                java.util.Arrays.copyOf(Base64.getDecoder().decode(good.ciphertext()), 28)),
                        good.wrappings()),
                agent,
                null));
        return list;
    }

    private static ObjectNode tamper(String name, Envelope envelope, X25519KeyPair recipient, String opensTo) {
        ObjectNode vector = JSON.createObjectNode();
        vector.put("name", name);
        vector.put("recipientPrivateKey", B64.encodeToString(recipient.privateKey()));
        vector.set("envelope", envelope.toJson());
        if (opensTo == null) {
            vector.put("expect", "cannot decrypt");
        } else {
            vector.put("expect", "opens");
            vector.put("plaintext", opensTo);
        }
        return vector;
    }

    private static ArrayNode agentKeys() {
        ArrayNode list = JSON.createArrayNode();
        // Plainly not a key, so that no scanner (or reader) takes the vectors for a leaked credential.
        String apiKey = "hlp_test_vector_not_a_real_key";
        for (String name : new String[] {null, "deploy-bot", "Ünïcode.Agent_1"}) {
            X25519KeyPair key = X25519KeyPair.deriveAgentKey(apiKey, name);
            ObjectNode vector = list.addObject();
            vector.put("apiKey", apiKey);
            if (name == null) {
                vector.putNull("agentName");
            } else {
                vector.put("agentName", name);
            }
            vector.put("hkdfSalt", "ledgerloop/agent-key/v1");
            vector.put("hkdfInfo", name == null ? "" : name);
            vector.put("privateKey", B64.encodeToString(key.privateKey()));
            vector.put("publicKey", B64.encodeToString(key.publicKey()));
            vector.put("kid", key.kid());
        }
        return list;
    }

    private static ObjectNode decision() throws Exception {
        X25519KeyPair agent = X25519KeyPair.fromPrivateKey(bytes("recipient agent", 32));
        X25519KeyPair human = X25519KeyPair.fromPrivateKey(bytes("recipient human", 32));
        List<EnvelopeRecipient> both =
                List.of(EnvelopeRecipient.of(agent.publicKey()), EnvelopeRecipient.of(human.publicKey()));
        JsonNode content = EnvelopeCipher.withRandom(new FixedRandomBytes(sealingBytes("decision content")))
                .seal("{\"text\":\"Pay invoice 2026-117?\"}", both)
                .toJson();
        JsonNode components = EnvelopeCipher.withRandom(new FixedRandomBytes(sealingBytes("decision components")))
                .seal("[{\"type\":\"approve_reject\",\"data\":{}}]", both)
                .toJson();
        JsonNode response = EnvelopeCipher.withRandom(new FixedRandomBytes(sealingBytes("decision response")))
                .seal("{\"action\":\"approve\",\"values\":{\"note\":\"ok \\\"quoted\\\" \\u00e9\"}}", both)
                .toJson();
        String sessionId = "3f1c2a9e-8d1b-4c47-9a51-0c2d5e6f7a80";
        String messageId = "9b7e4d21-5a36-4f0e-8c19-2d4b6a8e1f03";
        ObjectNode request = JSON.createObjectNode();
        request.set("encryptedContent", content);
        request.set("encryptedComponents", components);
        DecisionStatement statement =
                DecisionStatement.of(sessionId, messageId, content, components, response, "approve");
        Ed25519KeyPair signer = Ed25519KeyPair.fromSeed(bytes("human signing key", 32));

        ObjectNode vector = JSON.createObjectNode();
        vector.put("sessionId", sessionId);
        vector.put("messageId", messageId);
        vector.put("decision", "approve");
        vector.set("encryptedContent", content);
        vector.set("encryptedComponents", components);
        vector.set("encryptedResponse", response);
        vector.put("requestCanonical", new String(Jcs.write(request), StandardCharsets.UTF_8));
        vector.put("requestSha256", statement.requestSha256());
        vector.put("responseCanonical", new String(Jcs.write(response), StandardCharsets.UTF_8));
        vector.put("responseSha256", statement.responseSha256());
        vector.put("requestSha256WithoutComponents", DecisionStatement.requestSha256(content, null));
        vector.put("statementCanonical", new String(statement.signingBytes(), StandardCharsets.UTF_8));
        vector.put("statementSha256", KeyIds.sha256Hex(statement.signingBytes()));
        vector.put("signingPrivateKeySeed", B64.encodeToString(bytes("human signing key", 32)));
        vector.put("signingPublicKey", B64.encodeToString(signer.publicKey()));
        vector.put("signingKeyId", signer.keyId());
        vector.put("signature", statement.sign(signer));
        return vector;
    }

    private static List<byte[]> sealingBytes(String label) {
        return List.of(
                bytes(label + " content key", 32),
                bytes(label + " content nonce", 12),
                bytes(label + " ephemeral 0", 32),
                bytes(label + " wrap nonce 0", 12),
                bytes(label + " ephemeral 1", 32),
                bytes(label + " wrap nonce 1", 12));
    }

    private static String flipLastBit(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length - 1] ^= 1;
        return B64.encodeToString(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(String label, int length) {
        return java.util.Arrays.copyOf(KeyIds.sha256(label.getBytes(StandardCharsets.UTF_8)), length);
    }
}
