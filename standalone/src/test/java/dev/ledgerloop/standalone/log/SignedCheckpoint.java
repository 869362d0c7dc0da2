package dev.ledgerloop.standalone.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A checkpoint as a client reads it: the note checked against the verifier key with Bouncy Castle, then parsed. */
record SignedCheckpoint(String origin, long treeSize, byte[] root) {

    static SignedCheckpoint verified(String note, String verifierKey) {
        String[] key = verifierKey.trim().split("\\+", 3);
        byte[] typedKey = Base64.getDecoder().decode(key[2]);
        assertThat(typedKey[0]).isEqualTo((byte) 0x01);
        int blank = note.indexOf("\n\n");
        String text = note.substring(0, blank + 1);
        String signatureLine = note.substring(blank + 2);
        assertThat(signatureLine).startsWith("\u2014 " + key[0] + " ").endsWith("\n");
        byte[] blob = Base64.getDecoder()
                .decode(signatureLine
                        .substring(signatureLine.lastIndexOf(' ') + 1)
                        .trim());
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(blob, 4))).isEqualTo(key[1]);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(typedKey, 1));
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(Arrays.copyOfRange(blob, 4, blob.length)))
                .as("the checkpoint's signature")
                .isTrue();
        String[] lines = text.split("\n");
        return new SignedCheckpoint(
                lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
    }
}
