package dev.ledgerloop.standalone.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.merkle.JcsJson;
import dev.ledgerloop.standalone.fixture.Envelopes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The agent's side of the contract's envelope cryptography (§1) and decision signatures (§3), written from the
 * contract with Bouncy Castle, independently of the inbox's JavaScript. Stands in for the SDK module until it is on
 * main; the inbox's browser tests check the two against each other.
 */
final class ContractCrypto {
    static final String ALG = "X25519-HKDF-SHA256-A256GCM";
    private static final byte[] WRAP_INFO = "ledgerloop/envelope/v1/wrap".getBytes(StandardCharsets.UTF_8);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ContractCrypto() {}

    /** An X25519 key pair with its key id. */
    record KeyPair(byte[] privateKey, byte[] publicKey, String kid) {
        static KeyPair generate() {
            return of(Envelopes.randomBytes(32));
        }

        static KeyPair of(byte[] privateKey) {
            byte[] publicKey = new byte[32];
            X25519.generatePublicKey(privateKey, 0, publicKey, 0);
            return new KeyPair(privateKey, publicKey, keyId(publicKey));
        }
    }

    record Recipient(String kid, byte[] publicKey) {}

    /** What a seal would otherwise draw at random: fixed for test vectors. */
    record Fixed(byte[] contentKey, byte[] nonce, List<FixedWrapping> wrappings) {}

    record FixedWrapping(byte[] ephemeralPrivate, byte[] wrapNonce) {}

    static String keyId(byte[] rawPublicKey) {
        return HexFormat.of().formatHex(Arrays.copyOf(sha256(rawPublicKey), 16));
    }

    static ObjectNode sealJson(JsonNode plaintext, List<Recipient> recipients) {
        Fixed random = new Fixed(
                Envelopes.randomBytes(32),
                Envelopes.randomBytes(12),
                recipients.stream()
                        .map(r -> new FixedWrapping(Envelopes.randomBytes(32), Envelopes.randomBytes(12)))
                        .toList());
        return seal(plaintext.toString().getBytes(StandardCharsets.UTF_8), recipients, random);
    }

    static ObjectNode seal(byte[] plaintext, List<Recipient> recipients, Fixed fixed) {
        ObjectNode envelope = NODES.objectNode().put("v", 1).put("alg", ALG);
        envelope.put(
                "ciphertext",
                base64(concat(
                        fixed.nonce(),
                        aesGcm(Cipher.ENCRYPT_MODE, fixed.contentKey(), fixed.nonce(), plaintext, new byte[0]))));
        ArrayNode wrappings = envelope.putArray("wrappings");
        for (int i = 0; i < recipients.size(); i++) {
            Recipient recipient = recipients.get(i);
            KeyPair ephemeral = KeyPair.of(fixed.wrappings().get(i).ephemeralPrivate());
            byte[] wrapKey = wrappingKey(
                    ephemeral.privateKey(), recipient.publicKey(), ephemeral.publicKey(), recipient.publicKey());
            byte[] wrapNonce = fixed.wrappings().get(i).wrapNonce();
            byte[] wrapped = concat(
                    wrapNonce,
                    aesGcm(Cipher.ENCRYPT_MODE, wrapKey, wrapNonce, fixed.contentKey(), utf8(recipient.kid())));
            wrappings
                    .addObject()
                    .put("kid", recipient.kid())
                    .put("epk", base64(ephemeral.publicKey()))
                    .put("wrappedKey", base64(wrapped));
        }
        return envelope;
    }

    /** Opens an envelope with my key pair; any failure throws. */
    static byte[] open(JsonNode envelope, KeyPair mine) {
        for (JsonNode wrapping : envelope.get("wrappings")) {
            if (wrapping.get("kid").asText().equals(mine.kid())) {
                byte[] epk = Base64.getDecoder().decode(wrapping.get("epk").asText());
                byte[] wrapKey = wrappingKey(mine.privateKey(), epk, epk, mine.publicKey());
                byte[] wrapped =
                        Base64.getDecoder().decode(wrapping.get("wrappedKey").asText());
                byte[] contentKey = aesGcm(
                        Cipher.DECRYPT_MODE,
                        wrapKey,
                        Arrays.copyOf(wrapped, 12),
                        Arrays.copyOfRange(wrapped, 12, wrapped.length),
                        utf8(mine.kid()));
                byte[] sealed =
                        Base64.getDecoder().decode(envelope.get("ciphertext").asText());
                return aesGcm(
                        Cipher.DECRYPT_MODE,
                        contentKey,
                        Arrays.copyOf(sealed, 12),
                        Arrays.copyOfRange(sealed, 12, sealed.length),
                        new byte[0]);
            }
        }
        throw new IllegalArgumentException("No wrapping for " + mine.kid());
    }

    /** The bytes a decision signature covers: the JCS of the contract's §3 object. */
    static byte[] decisionBytes(
            String sessionId,
            String messageId,
            JsonNode encryptedContent,
            JsonNode encryptedComponents,
            JsonNode encryptedResponse,
            String decision) {
        ObjectNode request = NODES.objectNode();
        request.set("encryptedContent", encryptedContent);
        request.set("encryptedComponents", encryptedComponents == null ? NODES.nullNode() : encryptedComponents);
        ObjectNode payload = NODES.objectNode()
                .put("v", 1)
                .put("type", "ledgerloop.decision")
                .put("sessionId", sessionId)
                .put("messageId", messageId)
                .put("requestSha256", HexFormat.of().formatHex(sha256(JcsJson.write(request))))
                .put("responseSha256", HexFormat.of().formatHex(sha256(JcsJson.write(encryptedResponse))))
                .put("decision", decision);
        return JcsJson.write(payload);
    }

    static boolean verifiesEd25519(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** W = HKDF(X25519(mine, theirs), salt = E ‖ R): the sender holds e and R, the recipient r and E. */
    private static byte[] wrappingKey(byte[] mine, byte[] theirs, byte[] ephemeralPublic, byte[] recipientPublic) {
        byte[] shared = new byte[32];
        if (!X25519.calculateAgreement(mine, 0, theirs, 0, shared, 0)) {
            throw new IllegalArgumentException("X25519 agreement failed");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, concat(ephemeralPublic, recipientPublic), WRAP_INFO));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, 32);
        return key;
    }

    private static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] data, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES-GCM failed", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
