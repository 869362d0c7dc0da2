package dev.ledgerloop.eventstore.embedded.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The {@code $}-prefixed streams a fresh EventStoreDB node writes on its first start (default settings and the
 * built-in users), so that {@code $all} holds system events as it does on a real node and client code that must
 * skip them (stream or event type filters) is exercised for real. No credentials are written.
 */
final class SeededSystemStreams {
    private SeededSystemStreams() {}

    static void seed(StreamDatabase store) {
        append(
                store,
                "$settings",
                "$settings",
                """
                {"$userStreamAcl":{"$r":"$all","$w":"$all","$d":"$all","$mr":"$all","$mw":"$all"},\
                "$systemStreamAcl":{"$r":"$admins","$w":"$admins","$d":"$admins","$mr":"$admins","$mw":"$admins"}}""");
        append(
                store,
                "$user-admin",
                "$user",
                """
                {"loginName":"admin","fullName":"Event Store Administrator","groups":["$admins"]}""");
        append(
                store,
                "$user-ops",
                "$user",
                """
                {"loginName":"ops","fullName":"Event Store Operations","groups":["$ops"]}""");
        append(store, "$users", "$User", "\"admin\"");
        append(store, "$users", "$User", "\"ops\"");
    }

    private static void append(StreamDatabase store, String stream, String type, String json) {
        ProposedEvent event =
                new ProposedEvent(UUID.randomUUID(), type, true, json.getBytes(StandardCharsets.UTF_8), new byte[0]);
        store.append(stream, RevisionExpectation.ANY, List.of(event)).join();
    }
}
