package dev.ledgerloop.eventstore.embedded.store;

/** What an append, delete or tombstone came to. Revisions are -1 where the stream has no events. */
public sealed interface WriteOutcome {

    /** Success: the stream's revision afterwards and the position of the last record written (-1: none written). */
    record Written(long currentRevision, long position) implements WriteOutcome {}

    record WrongExpectedRevision(long currentRevision, RevisionExpectation expected) implements WriteOutcome {}

    record StreamDeleted(String stream) implements WriteOutcome {}
}
