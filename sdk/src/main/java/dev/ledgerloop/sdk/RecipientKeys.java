package dev.ledgerloop.sdk;

import dev.ledgerloop.sdk.crypto.EnvelopeRecipient;
import java.util.List;

/**
 * Who content is sealed for, besides the agent itself (the client always adds its own key). The default asks the
 * API ({@code GET /v1/agent/sessions/{id}/recipients}: the session's participants with a registered key and the space
 * key; {@code GET /v1/agent/encryption} outside a session). Give your own to {@link LedgerloopClient.Builder#recipientKeys}
 * when keys are exchanged outside Ledgerloop.
 */
@FunctionalInterface
public interface RecipientKeys {
    /**
     * The keys to seal for.
     *
     * @param sessionId the session the content belongs to, or null for a session's title before it exists
     */
    List<EnvelopeRecipient> forSession(String sessionId);
}
