package dev.ledgerloop.standalone.log;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import dev.ledgerloop.events.evidence.BundleRecord;
import dev.ledgerloop.events.evidence.BundleVerifier;
import dev.ledgerloop.events.evidence.EvidenceBundle;
import dev.ledgerloop.events.merkle.NoteSigner;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.verifier.VerifyBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence bundles through the gateway, checked by the offline verifier as a customer would: a session's and one
 * decision's bundle verify; any change to a record, a payload, a proof, the checkpoint or its key is named; a checkpoint
 * kept from before proves the log was not rewritten, and one with another root at the same size is caught.
 */
class EvidenceBundleEndToEndTest {
    @TempDir
    static Path data;

    @TempDir
    static Path files;

    private static LedgerloopSystem system;
    private static Api owner;
    private static String verifierKey;
    private static String session;
    private static String question;
    private static SignedCheckpoint kept;
    private static String keptNote;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
        verifierKey = owner.get("/v1/admin/log/verifier-key").expect(200).text().strip();
        session = owner.openSession();
        String path = "/v1/agent/sessions/" + session;
        owner.sendMessage(session, envelope());
        keptNote = checkpointCovering(EventLog.stream(system, "session-" + session));
        kept = SignedCheckpoint.verified(keptNote, verifierKey);

        owner.post(path + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                .expect(201);
        question = owner.post(path + "/messages", "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        owner.patch(path + "/messages/" + question, "{\"encryptedContent\":" + envelope() + "}")
                .expect(200);
        Api alice = Api.gateway(system).withToken(system.mintHumanToken("alice"));
        patiently()
                .until(() -> alice.post(
                                        "/v1/human/sessions/" + session + "/messages/" + question + "/respond",
                                        "{\"encryptedResponse\":" + envelope() + "}")
                                .status()
                        == 201);
        owner.sendMessage(session, envelope());
        checkpointCovering(EventLog.stream(system, "session-" + session));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void a_session_s_bundle_verifies_offline_with_every_record_proof_and_payload() throws Exception {
        byte[] zip = export("");
        EvidenceBundle bundle = EvidenceBundle.read(zip);
        List<RecordedEvent> stored = EventLog.stream(system, "session-" + session);

        assertThat(bundle.records()).hasSize(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            BundleRecord record = bundle.records().get(i);
            assertThat(record.eventId()).isEqualTo(stored.get(i).getEventId());
            assertThat(record.data()).isEqualTo(stored.get(i).getEventData());
            assertThat(record.metadata()).isEqualTo(stored.get(i).getUserMetadata());
            assertThat(record.payload()).isNotNull();
        }
        assertThat(bundle.manifest().contentErased()).isFalse();

        String printed = verifyWithTheCommand(zip, "--verifier-key", verifierKey);
        assertThat(printed)
                .startsWith("OK: " + stored.size() + " records in 1 stream(s)")
                .contains(stored.size() + " inclusion proofs verify")
                .contains(stored.size() + " payloads match their ciphertext");
    }

    @Test
    void a_decision_s_bundle_holds_the_question_its_edit_and_its_answer() throws Exception {
        EvidenceBundle bundle = EvidenceBundle.read(export("?messageId=" + question));

        assertThat(bundle.records())
                .filteredOn(BundleRecord::subject)
                .extracting(BundleRecord::type)
                .containsExactly("MessageSent", "MessageEdited", "ResponseSubmitted");
        assertThat(new BundleVerifier().verify(bundle, verifierKey, null).ok()).isTrue();
        assertThat(owner.get(exportPath("?messageId=" + java.util.UUID.randomUUID()))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void any_change_to_what_the_bundle_holds_is_named() throws Exception {
        EvidenceBundle bundle = EvidenceBundle.read(export(""));
        BundleVerifier verifier = new BundleVerifier();

        assertThat(verifier.verify(changeRecord(bundle, 2, r -> withData(r, flipped(r.data()))), verifierKey, null)
                        .summary())
                .startsWith("FAILED: Event " + bundle.records().get(2).eventId())
                .contains("hash does not match");
        assertThat(verifier.verify(
                                changeRecord(bundle, 1, r -> withPayload(r, flipped(r.payload()))), verifierKey, null)
                        .summary())
                .contains("payload differs");
        assertThat(verifier.verify(
                                changeRecord(bundle, 1, r -> withProof(r, flippedFirst(r.proof()))), verifierKey, null)
                        .summary())
                .contains("inclusion proof");
        List<BundleRecord> without = new ArrayList<>(bundle.records());
        without.remove(1);
        assertThat(verifier.verify(withRecords(bundle, without), verifierKey, null)
                        .ok())
                .as("a record left out is a gap, not a failure, but never a link that holds")
                .isTrue();
        assertThat(verifier.verify(bundle, verifierKey.replace("ledgerloop+", "other+"), null)
                        .summary())
                .contains("signature does not verify");
    }

    @Test
    void a_kept_checkpoint_proves_the_log_was_not_rewritten_and_a_forged_one_is_caught() throws Exception {
        byte[] zip = export("?consistencyFrom=" + kept.treeSize());
        Path trusted = Files.writeString(files.resolve("kept.txt"), keptNote);

        assertThat(verifyWithTheCommand(zip, "--verifier-key", verifierKey, "--trusted-checkpoint", trusted.toString()))
                .contains("consistent with the trusted checkpoint of tree size " + kept.treeSize());
        assertThat(new BundleVerifier()
                        .verify(EvidenceBundle.read(export("")), verifierKey, keptNote)
                        .summary())
                .contains("no consistency proof from tree size " + kept.treeSize());

        // The same size with another root, signed with the deployment's own key: a rewritten log.
        NoteSigner signer = new NoteSigner(
                "ledgerloop", Base64.getDecoder().decode(system.secrets().logSigningKey()));
        byte[] otherRoot = new byte[32];
        String forged = signer.sign(kept.origin() + "\n" + kept.treeSize() + "\n"
                + Base64.getEncoder().encodeToString(otherRoot) + "\n");
        assertThat(new BundleVerifier()
                        .verify(EvidenceBundle.read(zip), verifierKey, forged)
                        .summary())
                .startsWith("FAILED")
                .contains("is not consistent with the trusted checkpoint");
        assertThat(owner.get(exportPath("?consistencyFrom=0")).status()).isEqualTo(400);
    }

    private static String verifyWithTheCommand(byte[] zip, String... options) throws Exception {
        Path bundle = Files.write(Files.createTempFile(files, "bundle", ".zip"), zip);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 1];
        args[0] = bundle.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        int exit = VerifyBundle.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        return printed;
    }

    private static byte[] export(String query) throws Exception {
        Answer answer = owner.get(exportPath(query)).expect(200);
        assertThat(answer.header("Content-Type").orElse("")).startsWith("application/zip");
        return answer.bytes();
    }

    private static String exportPath(String query) {
        return "/v1/admin/sessions/" + session + "/export" + query;
    }

    /** The latest checkpoint once it covers every given event. */
    private static String checkpointCovering(List<RecordedEvent> events) {
        StringBuilder note = new StringBuilder();
        patiently().untilAsserted(() -> {
            String latest = owner.get("/v1/admin/log/checkpoint").expect(200).text();
            long size = SignedCheckpoint.verified(latest, verifierKey).treeSize();
            for (RecordedEvent event : events) {
                assertThat(owner.get("/v1/admin/log/proof/inclusion?eventId=" + event.getEventId() + "&treeSize="
                                        + size)
                                .status())
                        .isEqualTo(200);
            }
            note.setLength(0);
            note.append(latest);
        });
        return note.toString();
    }

    private static EvidenceBundle changeRecord(EvidenceBundle bundle, int index, UnaryOperator<BundleRecord> change) {
        List<BundleRecord> records = new ArrayList<>(bundle.records());
        records.set(index, change.apply(records.get(index)));
        return withRecords(bundle, records);
    }

    private static EvidenceBundle withRecords(EvidenceBundle bundle, List<BundleRecord> records) {
        return new EvidenceBundle(
                bundle.manifest(),
                records,
                bundle.keys(),
                bundle.checkpoint(),
                bundle.verifierKey(),
                bundle.consistency(),
                bundle.readme());
    }

    private static BundleRecord withData(BundleRecord r, byte[] data) {
        return new BundleRecord(
                r.stream(),
                r.revision(),
                r.eventId(),
                r.type(),
                r.metadata(),
                data,
                r.leafIndex(),
                r.proof(),
                r.payload(),
                r.subject());
    }

    private static BundleRecord withPayload(BundleRecord r, byte[] payload) {
        return new BundleRecord(
                r.stream(),
                r.revision(),
                r.eventId(),
                r.type(),
                r.metadata(),
                r.data(),
                r.leafIndex(),
                r.proof(),
                payload,
                r.subject());
    }

    private static BundleRecord withProof(BundleRecord r, List<byte[]> proof) {
        return new BundleRecord(
                r.stream(),
                r.revision(),
                r.eventId(),
                r.type(),
                r.metadata(),
                r.data(),
                r.leafIndex(),
                proof,
                r.payload(),
                r.subject());
    }

    private static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 1;
        return copy;
    }

    private static List<byte[]> flippedFirst(List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(0, flipped(copy.get(0)));
        return copy;
    }
}
