package dev.ledgerloop.query.keys;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.query.session.SessionReader;
import dev.ledgerloop.query.session.SessionView;
import dev.ledgerloop.service.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registered public keys (docs/api.md §Keys): one's own, the space's, and everyone a session's envelopes are to be
 * wrapped for. Registering them is the command side's.
 */
@RestController
class KeysQueryController {
    private final PublicKeyReader keys;
    private final SessionReader sessions;
    private final ParticipantReader participants;

    KeysQueryController(PublicKeyReader keys, SessionReader sessions, ParticipantReader participants) {
        this.keys = keys;
        this.sessions = sessions;
        this.participants = participants;
    }

    record AgentKey(String agentId, String publicKey, String fingerprint, Instant registeredAt) {}

    record HumanKey(
            String userId,
            String publicKey,
            String fingerprint,
            String signingPublicKey,
            String signingKeyId,
            Instant registeredAt) {}

    record SpaceKey(String keyId, String publicKey) {}

    /** Someone to wrap envelopes for; {@code kid} and {@code publicKey} null when they registered no key. */
    record Recipient(String kind, String id, String role, String kid, String publicKey) {}

    record Recipients(List<Recipient> items) {}

    @GetMapping("/v1/agent/public-key")
    @Operation(summary = "The agent's registered X25519 public key", description = "404 before it registered one")
    AgentKey agentKey(Principal principal) {
        UUID agentId = agentOf(principal);
        PublicKeyReader.Key key = keys.agent(principal.spaceId(), agentId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No public key registered for this agent"));
        return new AgentKey(agentId.toString(), key.publicKey(), key.fingerprint(), key.at());
    }

    @GetMapping("/v1/human/public-key")
    @Operation(summary = "The human's registered keys", description = "404 before they registered any")
    HumanKey humanKey(Principal principal) {
        if (principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        PublicKeyReader.Key key = keys.human(principal.spaceId(), principal.subjectId())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "You registered no public key"));
        return new HumanKey(
                principal.subjectId(),
                key.publicKey(),
                key.fingerprint(),
                key.signingPublicKey(),
                key.signingKeyId(),
                key.at());
    }

    @GetMapping("/v1/agent/encryption")
    @Operation(
            summary = "The space's X25519 public key, which envelopes are wrapped for too",
            description = "404 until the space owner sets one (PUT /v1/admin/encryption)")
    SpaceKey spaceKey(Principal principal) {
        agentOf(principal);
        PublicKeyReader.Key key = keys.space(principal.spaceId())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "This space has no encryption key"));
        return new SpaceKey(key.fingerprint(), key.publicKey());
    }

    @GetMapping("/v1/agent/sessions/{sessionId}/recipients")
    @Operation(
            summary = "Everyone the session's envelopes are to be wrapped for",
            description = "{items: [{kind: agent|human|space, id, role, kid, publicKey}]}: the session's agent, every"
                    + " participant (guests too) and the space's key; kid and publicKey null where none is registered")
    Recipients agentRecipients(Principal principal, @PathVariable UUID sessionId) {
        return recipients(principal.spaceId(), sessions.get(principal, sessionId));
    }

    @GetMapping("/v1/human/sessions/{sessionId}/recipients")
    @Operation(
            summary = "Everyone the session's envelopes are to be wrapped for",
            description = "As for the agent; participants only (anyone else: 404)")
    Recipients humanRecipients(Principal principal, @PathVariable UUID sessionId) {
        participants.requireParticipant(principal, sessionId);
        SessionView session = sessions.find(sessionId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Session " + sessionId + " not found"));
        return recipients(principal.spaceId(), session);
    }

    private Recipients recipients(UUID spaceId, SessionView session) {
        List<Recipient> items = new ArrayList<>();
        Optional<PublicKeyReader.Key> agent = keys.agent(spaceId, UUID.fromString(session.agentId()));
        items.add(recipient("agent", session.agentId(), null, agent));
        for (ParticipantReader.Participant participant : participants.all(UUID.fromString(session.id()))) {
            items.add(recipient(
                    "human", participant.userId(), participant.role(), keys.human(spaceId, participant.userId())));
        }
        items.add(recipient("space", spaceId.toString(), null, keys.space(spaceId)));
        return new Recipients(items);
    }

    private static Recipient recipient(String kind, String id, String role, Optional<PublicKeyReader.Key> key) {
        return new Recipient(
                kind,
                id,
                role,
                key.map(PublicKeyReader.Key::fingerprint).orElse(null),
                key.map(PublicKeyReader.Key::publicKey).orElse(null));
    }

    private static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }
}
