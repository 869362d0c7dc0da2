package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.sdk.crypto.EnvelopeRecipient;
import dev.ledgerloop.sdk.crypto.KeyIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Recipients as the API lists them (docs/api.md §Keys): participants and the space key; entries without a key are skipped. */
final class ApiRecipientKeys implements RecipientKeys {
    /** How long a new session may take to reach the read views before its 404 is believed. */
    private static final Duration VIEW_LAG = Duration.ofSeconds(10);

    private final Http http;

    ApiRecipientKeys(Http http) {
        this.http = http;
    }

    @Override
    public List<EnvelopeRecipient> forSession(String sessionId) {
        List<EnvelopeRecipient> recipients = new ArrayList<>();
        if (sessionId == null) {
            try {
                JsonNode space = http.get("/v1/agent/encryption");
                recipients.add(recipient(
                        space.path("keyId").asText(null),
                        space.path("publicKey").asText(null)));
            } catch (LedgerloopException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            return recipients;
        }
        JsonNode answer = recipientsOf(sessionId);
        for (JsonNode item : answer.path("items")) {
            if (item.hasNonNull("kid") && item.hasNonNull("publicKey")) {
                recipients.add(recipient(
                        item.get("kid").asText(), item.get("publicKey").asText()));
            }
        }
        return recipients;
    }

    /**
     * The recipients list is a read view: a session opened a moment ago may not be in it yet (404). Asks again for a
     * few seconds before taking the 404 as the answer.
     */
    private JsonNode recipientsOf(String sessionId) {
        long end = System.nanoTime() + VIEW_LAG.toNanos();
        long pause = 50;
        while (true) {
            try {
                return http.get("/v1/agent/sessions/" + Http.segment(sessionId) + "/recipients");
            } catch (LedgerloopException e) {
                if (e.status() != 404 || System.nanoTime() + pause * 1_000_000 > end) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerloopException(0, LedgerloopException.UNREACHABLE, "Interrupted", e);
            }
            pause = Math.min(pause * 2, 1000);
        }
    }

    /** A listed key whose kid is not its fingerprint is refused: sealing for it would hide content from its holder. */
    private static EnvelopeRecipient recipient(String kid, String publicKey) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(publicKey == null ? "" : publicKey);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32 || !KeyIds.of(key).equals(kid)) {
            throw new LedgerloopException(
                    0, LedgerloopException.UNEXPECTED_ANSWER, "A recipient key's id is not its fingerprint: " + kid);
        }
        return new EnvelopeRecipient(kid, key);
    }
}
