package dev.ledgerloop.query.session;

import dev.ledgerloop.query.projection.BatchEndWrites;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The last message sent in each session of a batch, written as one guarded update per session instead of one per
 * message. Every message sets the same fields (when it was sent, and the version), so the last of a run of messages
 * leaves the document as all of them in turn would, whatever the document's version was. Any other event of a session
 * writes its session's pending message first ({@link #writeBefore}), so the order of a session's writes holds.
 */
final class LastMessages implements BatchEndWrites.Pending {
    interface Writer {
        void messageSent(UUID sessionId, long sequence, Instant at);
    }

    private record Sent(long sequence, Instant at) {}

    private final Writer writer;
    private final Map<UUID, Sent> bySession = new LinkedHashMap<>();

    LastMessages(Writer writer) {
        this.writer = writer;
    }

    void add(UUID sessionId, long sequence, Instant at) {
        bySession.merge(
                sessionId, new Sent(sequence, at), (older, newer) -> newer.sequence > older.sequence ? newer : older);
    }

    void writeBefore(UUID sessionId) {
        Sent sent = bySession.remove(sessionId);
        if (sent != null) {
            writer.messageSent(sessionId, sent.sequence, sent.at);
        }
    }

    @Override
    public void write() {
        bySession.forEach((sessionId, sent) -> writer.messageSent(sessionId, sent.sequence, sent.at));
        bySession.clear();
    }
}
