package dev.ledgerloop.events.evidence;

import java.util.List;

/** That the tree of size {@code second} (the bundle's checkpoint) extends the tree of size {@code first}. */
public record ConsistencyProof(long first, long second, List<byte[]> hashes) {}
