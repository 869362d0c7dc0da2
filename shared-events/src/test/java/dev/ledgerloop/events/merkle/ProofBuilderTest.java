package dev.ledgerloop.events.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProofBuilderTest {
    private static final int MAX_SIZE = 70;
    // The leaves and roots of the Certificate Transparency reference test vectors (RFC 6962 / RFC 9162 hashing).
    private static final String[] VECTOR_LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };
    private static final String[] VECTOR_ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };

    private final List<byte[]> leaves = leaves(MAX_SIZE);
    private final ReferenceTree reference = new ReferenceTree(leaves);
    private final ProofBuilder proofs = new ProofBuilder(reference);
    private final Random random = new Random(11);

    @Test
    void roots_match_the_published_test_vectors() {
        List<byte[]> vectorLeaves = new ArrayList<>();
        for (String leaf : VECTOR_LEAVES) {
            vectorLeaves.add(HexFormat.of().parseHex(leaf));
        }
        ProofBuilder vectorProofs = new ProofBuilder(new ReferenceTree(vectorLeaves));
        for (int size = 1; size <= VECTOR_LEAVES.length; size++) {
            assertThat(HexFormat.of().formatHex(vectorProofs.root(size))).isEqualTo(VECTOR_ROOTS[size - 1]);
        }
        assertThat(HexFormat.of().formatHex(vectorProofs.root(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void roots_from_stored_subtrees_are_the_roots_by_definition() {
        for (int size = 1; size <= MAX_SIZE; size++) {
            assertThat(proofs.root(size)).isEqualTo(reference.mth(0, size));
        }
    }

    @Test
    void every_inclusion_proof_verifies() {
        for (int size = 1; size <= MAX_SIZE; size++) {
            byte[] root = reference.mth(0, size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = proofs.inclusion(index, size);
                assertThat(Rfc9162Verifier.inclusion(index, size, reference.leafHash(index), proof, root))
                        .as("leaf %d of %d", index, size)
                        .isTrue();
            }
        }
    }

    @Test
    void every_consistency_proof_verifies() {
        for (int second = 1; second <= MAX_SIZE; second++) {
            for (int first = 1; first <= second; first++) {
                List<byte[]> proof = proofs.consistency(first, second);
                assertThat(Rfc9162Verifier.consistency(
                                first, second, reference.mth(0, first), reference.mth(0, second), proof))
                        .as("%d to %d", first, second)
                        .isTrue();
            }
        }
    }

    @Test
    void inclusion_proofs_are_refused_when_anything_is_changed() {
        for (int size = 1; size <= MAX_SIZE; size++) {
            byte[] root = reference.mth(0, size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = proofs.inclusion(index, size);
                byte[] leaf = reference.leafHash(index);
                String what = "leaf " + index + " of " + size;
                assertRefused(what + ", index + 1", Rfc9162Verifier.inclusion(index + 1, size, leaf, proof, root));
                assertRefused(what + ", index - 1", Rfc9162Verifier.inclusion(index - 1, size, leaf, proof, root));
                assertRefused(what + ", size x 2", Rfc9162Verifier.inclusion(index, size * 2L, leaf, proof, root));
                if (size / 2 != size) {
                    assertRefused(what + ", size / 2", Rfc9162Verifier.inclusion(index, size / 2, leaf, proof, root));
                }
                byte[] wrongLeaf = Rfc9162Verifier.leaf(("not " + index).getBytes(StandardCharsets.UTF_8));
                assertRefused(what + ", wrong leaf", Rfc9162Verifier.inclusion(index, size, wrongLeaf, proof, root));
                assertRefused(
                        what + ", empty root",
                        Rfc9162Verifier.inclusion(index, size, leaf, proof, MerkleHash.emptyRoot()));
                assertRefused(
                        what + ", random root", Rfc9162Verifier.inclusion(index, size, leaf, proof, randomHash()));
                for (List<byte[]> tampered : tamperings(proof)) {
                    assertRefused(
                            what + ", tampered proof", Rfc9162Verifier.inclusion(index, size, leaf, tampered, root));
                }
            }
        }
    }

    @Test
    void consistency_proofs_are_refused_when_anything_is_changed() {
        for (int second = 1; second <= MAX_SIZE; second++) {
            byte[] secondRoot = reference.mth(0, second);
            for (int first = 1; first <= second; first++) {
                byte[] firstRoot = reference.mth(0, first);
                List<byte[]> proof = proofs.consistency(first, second);
                String what = first + " to " + second;
                if (first < second) {
                    assertRefused(
                            what + ", swapped roots",
                            Rfc9162Verifier.consistency(first, second, secondRoot, firstRoot, proof));
                    assertRefused(
                            what + ", second smaller than first",
                            Rfc9162Verifier.consistency(second, first, secondRoot, firstRoot, proof));
                    assertRefused(
                            what + ", first + 1",
                            first + 1 == second
                                    ? Rfc9162Verifier.consistency(first + 1, second, firstRoot, secondRoot, proof)
                                    : Rfc9162Verifier.consistency(first + 1, second, firstRoot, secondRoot, proof));
                    assertRefused(
                            what + ", first - 1",
                            Rfc9162Verifier.consistency(first - 1, second, firstRoot, secondRoot, proof));
                    assertRefused(
                            what + ", first x 2",
                            Rfc9162Verifier.consistency(first * 2L, second, firstRoot, secondRoot, proof));
                    assertRefused(
                            what + ", first / 2",
                            Rfc9162Verifier.consistency(first / 2, second, firstRoot, secondRoot, proof));
                    assertRefused(
                            what + ", second x 2",
                            Rfc9162Verifier.consistency(first, second * 2L, firstRoot, secondRoot, proof));
                    assertRefused(
                            what + ", second / 2",
                            Rfc9162Verifier.consistency(first, second / 2, firstRoot, secondRoot, proof));
                    assertRefused(
                            what + ", wrong first root",
                            Rfc9162Verifier.consistency(first, second, reference.mth(0, first + 1), secondRoot, proof));
                }
                assertRefused(
                        what + ", empty first root",
                        Rfc9162Verifier.consistency(first, second, MerkleHash.emptyRoot(), secondRoot, proof));
                assertRefused(
                        what + ", empty second root",
                        Rfc9162Verifier.consistency(first, second, firstRoot, MerkleHash.emptyRoot(), proof));
                assertRefused(
                        what + ", random first root",
                        Rfc9162Verifier.consistency(first, second, randomHash(), secondRoot, proof));
                assertRefused(
                        what + ", random second root",
                        Rfc9162Verifier.consistency(first, second, firstRoot, randomHash(), proof));
                for (List<byte[]> tampered : tamperings(proof)) {
                    assertRefused(
                            what + ", tampered proof",
                            Rfc9162Verifier.consistency(first, second, firstRoot, secondRoot, tampered));
                }
            }
        }
    }

    @Test
    void proofs_are_not_made_for_leaves_or_sizes_outside_the_tree() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> proofs.inclusion(5, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> proofs.consistency(6, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> proofs.consistency(0, 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One bit flipped in each element, each element removed, an element inserted at each place. */
    private List<List<byte[]>> tamperings(List<byte[]> proof) {
        List<List<byte[]>> tampered = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            for (int bit : new int[] {0, 7, 8 * MerkleHash.SIZE - 1}) {
                List<byte[]> flipped = new ArrayList<>(proof);
                byte[] element = proof.get(i).clone();
                element[bit / 8] ^= (byte) (1 << (bit % 8));
                flipped.set(i, element);
                tampered.add(flipped);
            }
            List<byte[]> removed = new ArrayList<>(proof);
            removed.remove(i);
            tampered.add(removed);
        }
        for (int i = 0; i <= proof.size(); i++) {
            List<byte[]> inserted = new ArrayList<>(proof);
            inserted.add(i, randomHash());
            tampered.add(inserted);
            if (!proof.isEmpty()) {
                List<byte[]> duplicated = new ArrayList<>(proof);
                duplicated.add(i, proof.get(Math.min(i, proof.size() - 1)));
                tampered.add(duplicated);
            }
        }
        return tampered;
    }

    private static void assertRefused(String what, boolean verified) {
        assertThat(verified).as(what).isFalse();
    }

    @Test
    void the_production_verifier_agrees_with_the_tests_own_on_every_proof_and_every_tampering() {
        for (int size = 1; size <= 40; size++) {
            byte[] root = reference.mth(0, size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = proofs.inclusion(index, size);
                byte[] leaf = reference.leafHash(index);
                assertThat(ProofVerifier.inclusion(index, size, leaf, proof, root))
                        .isTrue();
                for (List<byte[]> tampered : tamperings(proof)) {
                    assertThat(ProofVerifier.inclusion(index, size, leaf, tampered, root))
                            .isFalse();
                }
                assertThat(ProofVerifier.inclusion(index + 1, size, leaf, proof, root))
                        .isFalse();
                assertThat(ProofVerifier.inclusion(index, size * 2L, leaf, proof, root))
                        .isFalse();
            }
            for (int first = 1; first <= size; first++) {
                byte[] firstRoot = reference.mth(0, first);
                List<byte[]> proof = proofs.consistency(first, size);
                assertThat(ProofVerifier.consistency(first, size, firstRoot, root, proof))
                        .isTrue();
                for (List<byte[]> tampered : tamperings(proof)) {
                    assertThat(ProofVerifier.consistency(first, size, firstRoot, root, tampered))
                            .isFalse();
                }
                if (first < size) {
                    assertThat(ProofVerifier.consistency(first, size, root, firstRoot, proof))
                            .isFalse();
                    assertThat(ProofVerifier.consistency(size, first, root, firstRoot, proof))
                            .isFalse();
                }
            }
        }
    }

    private byte[] randomHash() {
        byte[] hash = new byte[MerkleHash.SIZE];
        random.nextBytes(hash);
        return hash;
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        return leaves;
    }
}
