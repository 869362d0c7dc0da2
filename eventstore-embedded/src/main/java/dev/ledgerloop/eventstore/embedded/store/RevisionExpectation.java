package dev.ledgerloop.eventstore.embedded.store;

/** The optimistic-concurrency expectation of an append or delete. */
public record RevisionExpectation(Kind kind, long revision) {
    public static final RevisionExpectation ANY = new RevisionExpectation(Kind.ANY, -1);
    public static final RevisionExpectation NO_STREAM = new RevisionExpectation(Kind.NO_STREAM, -1);
    public static final RevisionExpectation STREAM_EXISTS = new RevisionExpectation(Kind.STREAM_EXISTS, -1);

    public enum Kind {
        ANY,
        NO_STREAM,
        STREAM_EXISTS,
        EXACT
    }

    public static RevisionExpectation exact(long revision) {
        return new RevisionExpectation(Kind.EXACT, revision);
    }

    /** The raw value EventStoreDB uses in error trailers: -2 any, -1 no stream, -4 stream exists, else the revision. */
    public long raw() {
        return switch (kind) {
            case ANY -> -2;
            case NO_STREAM -> -1;
            case STREAM_EXISTS -> -4;
            case EXACT -> revision;
        };
    }
}
