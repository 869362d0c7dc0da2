package dev.ledgerloop.standalone.log;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with access to the node's files changes one byte of a stored event and fixes the frame's CRC, so that the
 * store itself cannot notice: the session's verification names exactly that event.
 */
class StoredByteTamperingEndToEndTest {
    private static final int FRAME_HEADER_BYTES = 8;
    private static final int CONTINUED = 0x80000000;

    @TempDir
    Path data;

    @Test
    void one_changed_byte_with_its_crc_fixed_is_named_by_the_session_s_verification() throws Exception {
        String session;
        String key;
        RecordedEvent target;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            Api owner = Api.gateway(system).withKey(key);
            session = owner.openSession();
            for (int i = 0; i < 3; i++) {
                owner.sendMessage(session, envelope());
            }
            String verify = "/v1/admin/sessions/" + session + "/verify";
            patiently().untilAsserted(() -> {
                JsonNode verified = owner.get(verify).expect(200).body();
                assertThat(verified.path("ok").asBoolean())
                        .as(verified.toString())
                        .isTrue();
                assertThat(verified.path("eventsAfterCheckpoint").asInt()).isZero();
            });
            List<RecordedEvent> stored = EventLog.stream(system, "session-" + session);
            target = stored.get(2);
        }

        changeOneByteAndFixTheCrc(target.getEventData());

        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(system).withKey(key);
            JsonNode verified = owner.get("/v1/admin/sessions/" + session + "/verify")
                    .expect(200)
                    .body();

            assertThat(verified.path("ok").asBoolean()).isFalse();
            assertThat(verified.at("/brokenLink/eventId").asText())
                    .isEqualTo(target.getEventId().toString());
            assertThat(verified.at("/brokenLink/check").asText()).isEqualTo("chain");
            assertThat(verified.at("/brokenLink/reason").asText()).isEqualTo("HASH_MISMATCH");
        }
    }

    /** Finds the event's ciphertext in the segment files, flips a bit in its middle and rewrites its frame's CRC32C. */
    private void changeOneByteAndFixTheCrc(byte[] ciphertext) throws IOException {
        List<Path> segments;
        try (Stream<Path> files = Files.walk(data)) {
            segments = files.filter(file -> file.toString().endsWith(".seg")).toList();
        }
        for (Path segment : segments) {
            byte[] bytes = Files.readAllBytes(segment);
            int at = indexOf(bytes, ciphertext);
            if (at < 0) {
                continue;
            }
            int changed = at + ciphertext.length / 2;
            bytes[changed] ^= 0x01;
            ByteBuffer file = ByteBuffer.wrap(bytes);
            int frame = 0;
            while (true) {
                int length = file.getInt(frame) & ~CONTINUED;
                int end = frame + FRAME_HEADER_BYTES + length;
                if (changed < end) {
                    CRC32C crc = new CRC32C();
                    crc.update(bytes, frame + FRAME_HEADER_BYTES, length);
                    file.putInt(frame + 4, (int) crc.getValue());
                    break;
                }
                frame = end;
            }
            Files.write(segment, bytes);
            return;
        }
        throw new AssertionError("The event's ciphertext is in no segment file");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
