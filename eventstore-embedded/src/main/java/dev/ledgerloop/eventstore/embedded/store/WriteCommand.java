package dev.ledgerloop.eventstore.embedded.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A request queued for the writer thread. */
sealed interface WriteCommand {
    String stream();

    ExpectedRevision expected();

    CompletableFuture<WriteResult> result();

    record Append(
            String stream, ExpectedRevision expected, List<ProposedEvent> events, CompletableFuture<WriteResult> result)
            implements WriteCommand {}

    record Delete(String stream, ExpectedRevision expected, CompletableFuture<WriteResult> result)
            implements WriteCommand {}

    record Tombstone(String stream, ExpectedRevision expected, CompletableFuture<WriteResult> result)
            implements WriteCommand {}
}
