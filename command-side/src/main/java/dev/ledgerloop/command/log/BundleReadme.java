package dev.ledgerloop.command.log;

/** The README.txt inside every evidence bundle. */
final class BundleReadme {
    static final String TEXT =
            """
            Ledgerloop evidence bundle (format ledgerloop-evidence/1)
            ==========================================================

            What is inside
              manifest.json      space, session, decision (messageId) if any, export time, counts, whether content
                                 was erased (crypto-shredded)
              records.jsonl      one stored event per line, exactly as stored: stream, revision, eventId, type,
                                 metadata (base64 of the stored clear metadata), data (base64 of the at-rest
                                 ciphertext: nonce | ciphertext | tag), leafIndex and proof (its inclusion in the
                                 space's Merkle log), payload (base64 of the decrypted payload, null when erased),
                                 subject (true for the events the bundle is about)
              keys.json          the data keys of those streams (AES-256), to check each payload against its
                                 ciphertext. Whoever holds this file can read the content: keep it as you would
                                 keep the content itself.
              checkpoint.txt     the signed checkpoint (C2SP tlog-checkpoint, signed note) every proof is against
              verifier-key.txt   the C2SP verifier key of the deployment's log
              consistency.json   (only when asked with consistencyFrom=N) proof that this checkpoint extends the
                                 tree of size N

            How to check it, with no server and no network
              java -jar ledgerloop-verify.jar bundle.zip --verifier-key "$(cat key-you-trust.txt)" \\
                  --trusted-checkpoint checkpoint-you-kept.txt

              The verifier checks the checkpoint's signature, consistency with the checkpoint you kept, every
              record's hash and its link to the record before it, every record's inclusion in the signed tree, and
              every payload against its ciphertext. It prints OK with counts, or the first failure, and exits 0 or 1.
              Without --verifier-key it uses verifier-key.txt from the bundle, which proves only that the bundle is
              consistent with itself: get the verifier key from the deployment (GET /v1/admin/log/verifier-key) and
              keep the checkpoints its log.checkpoint webhooks send you.

            The exact encoding of leaves, proofs and checkpoints is in the project's docs/verifiable-record.md.
            """;

    private BundleReadme() {}
}
