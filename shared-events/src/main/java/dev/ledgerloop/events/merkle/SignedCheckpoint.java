package dev.ledgerloop.events.merkle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A checkpoint note whose signature by the verifier key's key held, with its origin, size and root. */
public record SignedCheckpoint(String origin, long treeSize, byte[] root) {

    /** Empty unless {@code note} is a checkpoint signed by the key of {@code verifierKey} (C2SP format). */
    public static Optional<SignedCheckpoint> open(String note, String verifierKey) {
        try {
            String[] key = verifierKey.trim().split("\\+", 3);
            byte[] typedKey = Base64.getDecoder().decode(key[2]);
            if (typedKey.length != 33 || typedKey[0] != NoteSigner.ED25519) {
                return Optional.empty();
            }
            int blank = note.indexOf("\n\n");
            String text = note.substring(0, blank + 1);
            String prefix = "\u2014 " + key[0] + " ";
            for (String line : note.substring(blank + 2).split("\n")) {
                if (!line.startsWith(prefix)) {
                    continue;
                }
                byte[] blob = Base64.getDecoder().decode(line.substring(prefix.length()));
                if (blob.length != 68
                        || !HexFormat.of().formatHex(Arrays.copyOf(blob, 4)).equals(key[1])) {
                    continue;
                }
                Ed25519Signer verifier = new Ed25519Signer();
                verifier.init(false, new Ed25519PublicKeyParameters(typedKey, 1));
                byte[] message = text.getBytes(StandardCharsets.UTF_8);
                verifier.update(message, 0, message.length);
                if (verifier.verifySignature(Arrays.copyOfRange(blob, 4, blob.length))) {
                    String[] lines = text.split("\n");
                    return Optional.of(new SignedCheckpoint(
                            lines[0],
                            Long.parseLong(lines[1]),
                            Base64.getDecoder().decode(lines[2])));
                }
            }
            return Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
