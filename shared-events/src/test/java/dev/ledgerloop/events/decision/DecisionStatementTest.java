package dev.ledgerloop.events.decision;

import static dev.ledgerloop.events.fixtures.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.EventCodec;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.keys.PublicKeys;
import dev.ledgerloop.events.session.DecisionSignature;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/** The bytes a decision signature covers (docs/api.md §Signed decisions), and checking stored signatures. */
class DecisionStatementTest {
    private static final UUID SESSION = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID MESSAGE = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final Ed25519PrivateKeyParameters KEY = new Ed25519PrivateKeyParameters(new byte[32]);
    private static final String PUBLIC_KEY =
            Base64.getEncoder().encodeToString(KEY.generatePublicKey().getEncoded());

    @Test
    void the_signed_bytes_are_the_canonical_json_of_the_statement() {
        byte[] bytes = DecisionStatement.signedBytes(SESSION, MESSAGE, "aa", "bb", "approve");

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"decision\":\"approve\",\"messageId\":\"" + MESSAGE + "\",\"requestSha256\":\"aa\","
                        + "\"responseSha256\":\"bb\",\"sessionId\":\"" + SESSION
                        + "\",\"type\":\"ledgerloop.decision\",\"v\":1}");
    }

    @Test
    void the_request_hash_covers_content_and_components_with_null_for_none() {
        EncryptedEnvelope content = new EncryptedEnvelope(
                1, EncryptedEnvelope.ALGORITHM, "Y2lwaGVy", List.of(new Wrapping("k", "ZXBr", "d3JhcHBlZA==")));
        String canonical = "{\"encryptedComponents\":null,\"encryptedContent\":{\"alg\":\"X25519-HKDF-SHA256-A256GCM\","
                + "\"ciphertext\":\"Y2lwaGVy\",\"v\":1,\"wrappings\":[{\"epk\":\"ZXBr\",\"kid\":\"k\","
                + "\"wrappedKey\":\"d3JhcHBlZA==\"}]}}";

        assertThat(DecisionStatement.requestSha256(content, null))
                .isEqualTo(PublicKeys.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(DecisionStatement.requestSha256(content, content))
                .isNotEqualTo(DecisionStatement.requestSha256(content, null));
    }

    @Test
    void a_signature_holds_over_the_question_as_edited_and_fails_for_anything_else() {
        EncryptedEnvelope asked = envelope();
        EncryptedEnvelope edited = envelope();
        EncryptedEnvelope answer = envelope();
        DecisionSignature signature = sign(edited, answer, "approve");
        ResponseSubmitted response =
                new ResponseSubmitted(SESSION, MESSAGE, UUID.randomUUID(), "alice", answer, signature);
        List<SessionEvent> events = List.of(sent(asked), new MessageEdited(SESSION, MESSAGE, edited, null), response);

        assertThat(SignedDecisions.check(events)).isEqualTo(new SignedDecisions.Report(1, List.of()));
        assertThat(SignedDecisions.check(List.of(sent(asked), response)).failures())
                .extracting(SignedDecisions.Failure::reason)
                .containsExactly("SIGNATURE_INVALID");
        assertThat(SignedDecisions.check(List.of(response)).failures())
                .extracting(SignedDecisions.Failure::reason)
                .containsExactly("QUESTION_MISSING");
        DecisionSignature otherDecision = new DecisionSignature(
                signature.alg(),
                signature.keyId(),
                signature.publicKey(),
                "reject",
                signature.requestSha256(),
                signature.responseSha256(),
                signature.value());
        assertThat(DecisionStatement.holds(otherDecision, SESSION, MESSAGE, edited, null, answer))
                .isFalse();
    }

    @Test
    void answers_stored_before_signatures_existed_read_unsigned() {
        String stored = "{\"sessionId\":\"" + SESSION + "\",\"messageId\":\"" + MESSAGE + "\",\"responseId\":\""
                + UUID.randomUUID() + "\",\"userId\":\"alice\",\"encryptedResponse\":{\"v\":1,\"alg\":\""
                + EncryptedEnvelope.ALGORITHM + "\",\"ciphertext\":\"YQ==\",\"wrappings\":[{\"kid\":\"k\","
                + "\"epk\":\"YQ==\",\"wrappedKey\":\"YQ==\"}]}}";

        ResponseSubmitted read = (ResponseSubmitted)
                EventCodec.readPayload("ResponseSubmitted", stored.getBytes(StandardCharsets.UTF_8));

        assertThat(read.signature()).isNull();
        assertThat(SignedDecisions.check(List.of(read))).isEqualTo(new SignedDecisions.Report(0, List.of()));
    }

    private static MessageSent sent(EncryptedEnvelope content) {
        return new MessageSent(
                SESSION,
                MESSAGE,
                SenderType.Agent,
                UUID.randomUUID(),
                null,
                content,
                null,
                true,
                Priority.High,
                null,
                null);
    }

    private static DecisionSignature sign(EncryptedEnvelope content, EncryptedEnvelope answer, String decision) {
        String request = DecisionStatement.requestSha256(content, null);
        String response = DecisionStatement.responseSha256(answer);
        byte[] bytes = DecisionStatement.signedBytes(SESSION, MESSAGE, request, response, decision);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, KEY);
        signer.update(bytes, 0, bytes.length);
        return new DecisionSignature(
                DecisionSignature.ED25519,
                PublicKeys.id(Base64.getDecoder().decode(PUBLIC_KEY)),
                PUBLIC_KEY,
                decision,
                request,
                response,
                Base64.getEncoder().encodeToString(signer.generateSignature()));
    }
}
