package dev.ledgerloop.command.log;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The proof answers (docs/api.md §Verifiable log); hashes and the leaf input in standard base64. */
final class LogProofResources {
    private LogProofResources() {}

    record InclusionProof(
            @Schema(description = "the event's leaf index, from 0")
            long leafIndex,

            @Schema(description = "the size of the tree the proof is for")
            long treeSize,

            @Schema(description = "base64 of the leaf input (RFC 8785 JSON, docs/verifiable-record.md)")
            String leafInput,

            @Schema(description = "RFC 9162 inclusion path, base64 SHA-256 hashes, leaf end first")
            List<String> hashes) {}

    record ConsistencyProof(
            long first,
            long second,

            @Schema(description = "RFC 9162 consistency proof, base64 SHA-256 hashes")
            List<String> hashes) {}
}
