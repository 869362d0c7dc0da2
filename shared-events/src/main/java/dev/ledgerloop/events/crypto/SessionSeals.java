package dev.ledgerloop.events.crypto;

import dev.ledgerloop.events.StreamNames;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;

/**
 * Seals content about a session that lives on another stream under the session's data key, bound (AES-GCM associated
 * data) to the session and to where it is kept, so a sealed value moved elsewhere does not open. Once the session is
 * shredded nothing sealed for it opens again and nothing new is sealed for it.
 */
public final class SessionSeals {
    private final Keyring keyring;
    private final SecureRandom random = new SecureRandom();

    public SessionSeals(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * @param keptAt where the sealed value is kept, e.g. {@code delivery-<id>/payload}
     * @throws StreamShreddedException if the session was shredded
     */
    public SessionSealed seal(UUID spaceId, UUID sessionId, String keptAt, String plaintext) {
        String stream = StreamNames.session(sessionId);
        DataKey key = keyring.dataKeyFor(spaceId.toString(), stream);
        byte[] sealed = AesGcm.seal(
                key.secretKey(),
                plaintext.getBytes(StandardCharsets.UTF_8),
                associatedData(stream, keptAt, key.keyId()),
                random);
        return new SessionSealed(key.keyId(), Base64.getEncoder().encodeToString(sealed));
    }

    /**
     * The plaintext, or empty if the session was shredded (its key is gone for good).
     *
     * @throws DecryptionFailedException if the value was altered or sealed for another place
     */
    public Optional<String> open(UUID spaceId, UUID sessionId, String keptAt, SessionSealed sealed) {
        String stream = StreamNames.session(sessionId);
        DataKey key;
        try {
            key = keyring.dataKeyOf(spaceId.toString(), stream, sealed.keyId());
        } catch (DataKeyNotFoundException shredded) {
            return Optional.empty();
        }
        try {
            byte[] plaintext = AesGcm.open(
                    key.secretKey(),
                    Base64.getDecoder().decode(sealed.ciphertext()),
                    associatedData(stream, keptAt, sealed.keyId()));
            return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new DecryptionFailedException(
                    "A value sealed for " + stream + " at " + keptAt + " does not authenticate: altered or moved", e);
        }
    }

    private static byte[] associatedData(String sessionStream, String keptAt, String keyId) {
        return ("sealed|" + sessionStream + "|" + keptAt + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
