package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.BenchArgs.stringArg;

import dev.ledgerloop.events.evidence.BundleVerifier;
import dev.ledgerloop.events.evidence.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The offline verifier's speed over a kept evidence bundle (docs/verifiable-record.md, "Evidence bundles"), with no
 * system running: {@code bundle} (a zip kept by {@code evidence keep=DIR}), {@code key} (the verifier key file kept
 * beside it), {@code runs} (200) after a quarter as many warm-up runs. Prints events/s over all records checked.
 */
public final class VerifyBenchmark {
    private VerifyBenchmark() {}

    public static void main(String[] args) throws Exception {
        String bundle = stringArg(args, "bundle");
        String key = stringArg(args, "key");
        if (bundle == null || key == null) {
            throw new IllegalArgumentException("usage: verify bundle=FILE key=FILE [runs=200]");
        }
        measure(
                EvidenceBundle.read(Files.readAllBytes(Path.of(bundle))),
                Files.readString(Path.of(key)).strip(),
                intArg(args, "runs", 200));
    }

    static void measure(EvidenceBundle bundle, String verifierKey, int runs) {
        BundleVerifier verifier = new BundleVerifier();
        for (int i = 0; i < Math.max(3, runs / 4); i++) {
            verifier.verify(bundle, verifierKey, null);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            BundleVerifier.Outcome outcome = verifier.verify(bundle, verifierKey, null);
            if (!outcome.ok()) {
                throw new IllegalStateException("The bundle does not verify: " + outcome.summary());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "offline verification (%d processors): %d runs over %d records in %.2f s: %,.0f events/s%n",
                Runtime.getRuntime().availableProcessors(),
                runs,
                bundle.records().size(),
                seconds,
                runs * bundle.records().size() / seconds);
    }
}
