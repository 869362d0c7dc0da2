package dev.ledgerloop.standalone.log;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** What the log's tests ask of {@code /v1/admin/log} and read from its answers. */
final class LogAnswers {
    static final String LOG = "/v1/admin/log";

    private LogAnswers() {}

    /** Waits for a checkpoint whose tree holds all of {@code events}, and checks its signature. */
    static SignedCheckpoint checkpointCovering(Api owner, String verifierKey, List<RecordedEvent> events) {
        AtomicReference<SignedCheckpoint> covering = new AtomicReference<>();
        patiently().untilAsserted(() -> {
            Answer answer = owner.get(LOG + "/checkpoint");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type").orElse("")).startsWith("text/plain");
            SignedCheckpoint checkpoint = SignedCheckpoint.verified(answer.text(), verifierKey);
            // Asked at this checkpoint's size, not the latest's: a newer checkpoint may have come meanwhile.
            for (RecordedEvent event : events) {
                assertThat(owner.get(LOG + "/proof/inclusion?eventId=" + event.getEventId() + "&treeSize="
                                        + checkpoint.treeSize())
                                .status())
                        .isEqualTo(200);
            }
            covering.set(checkpoint);
        });
        return covering.get();
    }

    /** The inclusion proof of an event at a tree size, as answered (200 required). */
    static String inclusion(Api owner, UUID eventId, long treeSize) throws Exception {
        return owner.get(LOG + "/proof/inclusion?eventId=" + eventId + "&treeSize=" + treeSize)
                .expect(200)
                .text();
    }

    /** The proof's hashes, decoded. */
    static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }
}
