package dev.ledgerloop.events.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact range gives the same root as the full tree at every size, and survives being stored and read back. */
class CompactRangeTest {
    @Test
    void its_root_is_the_tree_s_root_at_every_size() {
        List<byte[]> leaves = new ArrayList<>();
        CompactRange range = new CompactRange();
        assertThat(range.root()).isEqualTo(MerkleHash.emptyRoot());
        for (int i = 0; i < 300; i++) {
            byte[] input = ("leaf " + i).getBytes(StandardCharsets.UTF_8);
            leaves.add(input);
            range.append(MerkleHash.leaf(input));
            assertThat(range.root()).as("size %d", i + 1).isEqualTo(new ReferenceTree(leaves).mth(0, leaves.size()));
            range = new CompactRange(range.size(), range.peaks());
        }
    }
}
