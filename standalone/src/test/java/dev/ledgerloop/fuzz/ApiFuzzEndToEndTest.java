package dev.ledgerloop.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded fuzz run of the build (docs/testing.md): every operation of {@code /openapi.json} with every
 * mutation family with a fixed seed, then a few cases of a new seed from anywhere in a round (printed, so a failure
 * can be sent again with the benchmark command). The long run is {@code java -jar bench/target/bench.jar fuzz}.
 */
class ApiFuzzEndToEndTest {
    private static final long FIXED_SEED = 20261201L;
    private static final int ROUNDS = 1;
    private static final int RANDOM_CASES = 100;

    @TempDir
    static Path data;

    private static LedgerloopSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0, ApiFuzzer.GATEWAY_SETTINGS);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void every_operation_with_every_mutation_family_keeps_the_invariants() throws Exception {
        int cases = ROUNDS * ApiFuzzer.casesPerRound(system);

        FuzzReport report = ApiFuzzer.run(system, FIXED_SEED, cases, System.out);

        report.print(System.out);
        assertThat(report.operations()).isGreaterThanOrEqualTo(60);
        assertThat(report.fewestCasesPerOperation()).isGreaterThanOrEqualTo(ROUNDS * Family.values().length - 2);
        assertThat(report.failures()).isEmpty();
    }

    @Test
    void a_few_cases_of_a_new_seed_keep_the_invariants() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong();
        // From anywhere in a round, so that these cases meet other families than the round's first ones.
        int from = ThreadLocalRandom.current().nextInt(ApiFuzzer.casesPerRound(system));
        System.out.println("Fuzz seed of this run: " + seed + ", from case " + from);

        FuzzReport report = ApiFuzzer.run(system, seed, from, RANDOM_CASES, System.out);

        report.print(System.out);
        assertThat(report.failures()).as("seed %d from %d", seed, from).isEmpty();
    }
}
