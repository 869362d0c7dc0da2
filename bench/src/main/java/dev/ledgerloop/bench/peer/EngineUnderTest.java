package dev.ledgerloop.bench.peer;

import org.axonframework.config.Configuration;

/** One side of the comparison: a started Axon configuration on one storage engine, and what it runs on. */
interface EngineUnderTest extends AutoCloseable {
    /** A short name for the table's column. */
    String name();

    /** What was configured, one line per element, for the report. */
    String description();

    Configuration axon();

    /**
     * CPU time spent so far outside this JVM by processes the engine needs (PostgreSQL's), in nanoseconds; 0 when it
     * needs none.
     */
    long externalCpuNanos();

    @Override
    void close() throws Exception;
}
