package dev.ledgerloop.eventstore.embedded.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A request queued for the writer thread. */
sealed interface WriteCommand {
    String stream();

    RevisionExpectation expected();

    CompletableFuture<WriteOutcome> result();

    record Append(
            String stream,
            RevisionExpectation expected,
            List<ProposedEvent> events,
            CompletableFuture<WriteOutcome> result)
            implements WriteCommand {}

    record Delete(String stream, RevisionExpectation expected, CompletableFuture<WriteOutcome> result)
            implements WriteCommand {}

    record Tombstone(String stream, RevisionExpectation expected, CompletableFuture<WriteOutcome> result)
            implements WriteCommand {}
}
