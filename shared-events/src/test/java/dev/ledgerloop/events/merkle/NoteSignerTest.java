package dev.ledgerloop.events.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class NoteSignerTest {
    // The example key and note of the C2SP signed-note format's reference implementation (Go's sumdb/note):
    // private key PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 ‖ seed)>.
    private static final String EXAMPLE_PRIVATE_KEY = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String EXAMPLE_VERIFIER_KEY =
            "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String EXAMPLE_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String EXAMPLE_NOTE = EXAMPLE_TEXT
            + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static NoteSigner exampleSigner() {
        byte[] typed = Base64.getDecoder().decode(EXAMPLE_PRIVATE_KEY);
        assertThat(typed[0]).isEqualTo((byte) 0x01);
        return new NoteSigner("PeterNeumann", Arrays.copyOfRange(typed, 1, typed.length));
    }

    @Test
    void the_verifier_key_and_the_note_are_those_of_the_published_example() {
        NoteSigner signer = exampleSigner();

        assertThat(signer.verifierKey()).isEqualTo(EXAMPLE_VERIFIER_KEY);
        assertThat(HexFormat.of().formatHex(NoteSigner.keyHash("PeterNeumann", signer.publicKey())))
                .isEqualTo("c74f20a3");
        assertThat(signer.sign(EXAMPLE_TEXT)).isEqualTo(EXAMPLE_NOTE);
    }

    @Test
    void a_checkpoint_signature_verifies_with_bouncy_castle_from_the_verifier_key_alone() {
        NoteSigner signer = new NoteSigner("ledgerloop.test", new byte[32]);
        String body = Checkpoints.body("ledgerloop.test/spaces/s1", 3, MerkleHash.emptyRoot());
        String note = signer.sign(body);

        String[] key = signer.verifierKey().split("\\+", 3);
        byte[] typedKey = Base64.getDecoder().decode(key[2]);
        String signatureLine = note.substring(body.length() + 1);
        assertThat(signatureLine).startsWith("\u2014 ledgerloop.test ");
        byte[] blob = Base64.getDecoder()
                .decode(signatureLine
                        .substring(signatureLine.lastIndexOf(' ') + 1)
                        .trim());
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(blob, 4))).isEqualTo(key[1]);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(typedKey, 1));
        byte[] message = body.getBytes(StandardCharsets.UTF_8);
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(Arrays.copyOfRange(blob, 4, blob.length)))
                .isTrue();
        assertThat(body).isEqualTo("ledgerloop.test/spaces/s1\n3\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    }

    @Test
    void a_signed_checkpoint_opens_with_its_verifier_key_and_not_when_anything_differs() {
        NoteSigner signer = new NoteSigner("ledgerloop.test", new byte[32]);
        String note = signer.sign(Checkpoints.body("o/spaces/s", 7, MerkleHash.emptyRoot()));

        SignedCheckpoint opened =
                SignedCheckpoint.open(note, signer.verifierKey()).orElseThrow();
        assertThat(opened.origin()).isEqualTo("o/spaces/s");
        assertThat(opened.treeSize()).isEqualTo(7);
        assertThat(opened.root()).isEqualTo(MerkleHash.emptyRoot());
        assertThat(SignedCheckpoint.open(note.replace("\n7\n", "\n8\n"), signer.verifierKey()))
                .isEmpty();
        byte[] otherSeed = new byte[32];
        otherSeed[0] = 1;
        assertThat(SignedCheckpoint.open(note, new NoteSigner("ledgerloop.test", otherSeed).verifierKey()))
                .isEmpty();
        assertThat(SignedCheckpoint.open(EXAMPLE_NOTE, EXAMPLE_VERIFIER_KEY)).isEmpty();
        assertThat(SignedCheckpoint.open("garbage", signer.verifierKey())).isEmpty();
    }

    @Test
    void key_names_with_spaces_or_plus_signs_are_refused() {
        assertThatThrownBy(() -> new NoteSigner("a b", new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteSigner("a+b", new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteSigner("", new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_signer_names_its_key_but_never_shows_it() {
        assertThat(new NoteSigner("k", new byte[32]).toString()).isEqualTo("NoteSigner[k]");
    }
}
