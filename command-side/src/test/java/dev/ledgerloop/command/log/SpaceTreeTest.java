package dev.ledgerloop.command.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.events.merkle.ProofBuilder;
import dev.ledgerloop.events.merkle.ProofVerifier;
import dev.ledgerloop.events.merkle.TreeRanges.Subtree;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SpaceTreeTest {
    private final Map<Subtree, byte[]> stored = new HashMap<>();
    private final ProofBuilder proofs = new ProofBuilder(subtrees -> {
        Map<Subtree, byte[]> hashes = new HashMap<>();
        subtrees.forEach(subtree -> hashes.put(subtree, stored.get(subtree)));
        return hashes;
    });

    @Test
    void the_nodes_a_leaf_completes_are_the_ones_proofs_need_and_the_edge_folds_to_the_root() {
        SpaceTree tree = SpaceTree.empty(UUID.randomUUID());
        for (int i = 0; i < 300; i++) {
            store(tree.append(leaf(i), true, position(i)));
            assertThat(tree.root()).isEqualTo(proofs.root(tree.size()));
            long index = i / 2;
            assertThat(ProofVerifier.inclusion(
                            index,
                            tree.size(),
                            MerkleHash.leaf(leaf((int) index)),
                            proofs.inclusion(index, tree.size()),
                            tree.root()))
                    .isTrue();
        }
    }

    @Test
    void a_tree_loaded_from_its_edge_grows_as_if_it_had_never_stopped() {
        UUID space = UUID.randomUUID();
        SpaceTree continuous = SpaceTree.empty(space);
        for (int i = 0; i < 77; i++) {
            store(continuous.append(leaf(i), i % 3 != 0, position(i)));
        }
        List<byte[]> edge = new ArrayList<>();
        long start = 0;
        for (int bit = 62; bit >= 0; bit--) {
            if ((77L & (1L << bit)) != 0) {
                edge.add(stored.get(new Subtree(bit, start >> bit)));
                start += 1L << bit;
            }
        }
        List<byte[]> openTiles = List.of(tileOfLeaves(0, 77));
        SpaceTree reloaded =
                new SpaceTree(space, 77, continuous.contentSize(), continuous.lastPosition(), edge, openTiles);
        assertThat(reloaded.root()).isEqualTo(continuous.root());
        assertThat(reloaded.includes(position(76))).isTrue();
        assertThat(reloaded.includes(position(77))).isFalse();
        for (int i = 77; i < 130; i++) {
            assertThat(nodes(reloaded.append(leaf(i), true, position(i))))
                    .isEqualTo(nodes(continuous.append(leaf(i), true, position(i))));
            assertThat(reloaded.root()).isEqualTo(continuous.root());
        }
    }

    @Test
    void the_grown_tiles_hold_the_hashes_of_levels_0_and_8_and_answer_for_every_subtree() {
        SpaceTree tree = SpaceTree.empty(UUID.randomUUID());
        Map<LogTile.Address, byte[]> tiles = new HashMap<>();
        for (int i = 0; i < 70_000; i++) {
            store(tree.append(leaf(i), true, position(i)));
            if (i % 97 == 0 || i == 69_999) {
                tree.takeGrownTiles()
                        .forEach(tile ->
                                tiles.merge(tile.address(), tile.hashes(), (a, b) -> a.length >= b.length ? a : b));
            }
        }
        assertThat(tiles.get(new LogTile.Address(0, 0))).isEqualTo(tileOfLeaves(0, 256));
        assertThat(tiles.get(new LogTile.Address(0, 273))).hasSize(112 * 32);
        assertThat(tiles.get(new LogTile.Address(1, 1))).hasSize(17 * 32);
        assertThat(tiles.get(new LogTile.Address(2, 0))).hasSize(32);
        assertThat(tiles).hasSize(274 + 2 + 1);
        stored.forEach((subtree, hash) -> {
            byte[] tile = tiles.get(LogTile.of(subtree));
            assertThat(new LogTile(tile).hash(subtree)).as(subtree.toString()).isEqualTo(hash);
        });
        assertThat(SpaceTree.openTiles(70_000).stream()
                        .map(tile -> tile.address() + "/" + tile.hashes().length / 32)
                        .toList())
                .containsExactly(
                        "Address[tileLevel=0, index=273]/112",
                        "Address[tileLevel=1, index=1]/17",
                        "Address[tileLevel=2, index=0]/1");
    }

    @Test
    void checkpoint_records_are_leaves_but_not_content() {
        SpaceTree tree = SpaceTree.empty(UUID.randomUUID());
        tree.append(leaf(0), true, position(0));
        tree.append(leaf(1), false, position(1));
        assertThat(tree.size()).isEqualTo(2);
        assertThat(tree.contentSize()).isEqualTo(1);
    }

    private void store(List<SpaceTree.Node> nodes) {
        nodes.forEach(node -> stored.put(new Subtree(node.level(), node.index()), node.hash()));
    }

    private static List<String> nodes(List<SpaceTree.Node> nodes) {
        return nodes.stream()
                .map(node -> node.level() + "/" + node.index() + "/"
                        + java.util.HexFormat.of().formatHex(node.hash()))
                .toList();
    }

    private static byte[] tileOfLeaves(int first, int count) {
        byte[] hashes = new byte[count * 32];
        for (int i = 0; i < count; i++) {
            System.arraycopy(MerkleHash.leaf(leaf(first + i)), 0, hashes, i * 32, 32);
        }
        return hashes;
    }

    private static byte[] leaf(int i) {
        return ("leaf " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static EventStoreDbPositionToken position(int i) {
        return new EventStoreDbPositionToken(100L * (i + 1), 100L * (i + 1));
    }
}
