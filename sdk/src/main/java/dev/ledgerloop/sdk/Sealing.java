package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.sdk.crypto.CannotDecryptException;
import dev.ledgerloop.sdk.crypto.Envelope;
import dev.ledgerloop.sdk.crypto.EnvelopeCipher;
import dev.ledgerloop.sdk.crypto.EnvelopeRecipient;
import dev.ledgerloop.sdk.crypto.X25519KeyPair;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Seals the agent's content for a session's recipients and the agent itself, and opens what is sealed for it. */
final class Sealing {
    private final X25519KeyPair agentKey;
    private final EnvelopeCipher cipher;
    private final RecipientKeys recipientKeys;

    Sealing(X25519KeyPair agentKey, EnvelopeCipher cipher, RecipientKeys recipientKeys) {
        this.agentKey = agentKey;
        this.cipher = cipher;
        this.recipientKeys = recipientKeys;
    }

    /** Sealed for every recipient of the session (once each) and for the agent. */
    Envelope seal(String sessionId, String plaintext) {
        Map<String, EnvelopeRecipient> byKid = new LinkedHashMap<>();
        EnvelopeRecipient self = EnvelopeRecipient.of(agentKey.publicKey());
        byKid.put(self.kid(), self);
        for (EnvelopeRecipient recipient : recipientKeys.forSession(sessionId)) {
            byKid.putIfAbsent(recipient.kid(), recipient);
        }
        return cipher.seal(plaintext, List.copyOf(byKid.values()));
    }

    /** The plaintext of an envelope sealed for the agent; empty when there is none or it cannot be opened. */
    Optional<String> open(JsonNode envelope) {
        if (envelope == null || envelope.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EnvelopeCipher.openText(Envelope.fromJson(envelope), agentKey));
        } catch (CannotDecryptException e) {
            return Optional.empty();
        }
    }

    /** The plaintext as JSON; empty as for {@link #open}, or when it is not JSON. */
    Optional<JsonNode> openJson(JsonNode envelope) {
        return open(envelope).flatMap(text -> {
            try {
                return Optional.of(Http.JSON.readTree(text));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    X25519KeyPair agentKey() {
        return agentKey;
    }
}
