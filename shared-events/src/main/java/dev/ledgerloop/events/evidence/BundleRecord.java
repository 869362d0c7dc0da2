package dev.ledgerloop.events.evidence;

import java.util.List;
import java.util.UUID;

/**
 * One stored event in an evidence bundle, exactly as stored (the clear metadata's bytes and the at-rest ciphertext),
 * with its place in the space's Merkle log and the inclusion proof against the bundle's checkpoint.
 *
 * @param leafIndex the event's index in the space's log; null when the bundle's checkpoint does not cover it yet
 * @param proof the inclusion proof's hashes (RFC 9162 order); empty when {@code leafIndex} is null
 * @param payload the at-rest-decrypted payload (JSON bytes: the event as the application wrote it, holding the
 *     clients' end-to-end envelopes); null when the content was erased (crypto-shredded)
 * @param subject true for the events the bundle is about (all of a session's, or one decision's), false for context
 */
public record BundleRecord(
        String stream,
        long revision,
        UUID eventId,
        String type,
        byte[] metadata,
        byte[] data,
        Long leafIndex,
        List<byte[]> proof,
        byte[] payload,
        boolean subject) {}
