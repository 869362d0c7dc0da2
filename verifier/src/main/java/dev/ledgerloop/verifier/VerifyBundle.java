package dev.ledgerloop.verifier;

import dev.ledgerloop.events.evidence.BundleVerifier;
import dev.ledgerloop.events.evidence.EvidenceBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar ledgerloop-verify.jar bundle.zip [--verifier-key K] [--trusted-checkpoint FILE]}: checks an
 * evidence bundle offline and prints OK with counts or the first failure; exit code 0 (verified), 1 (failed) or 2
 * (usage or an unreadable file).
 */
public final class VerifyBundle {
    static final String USAGE = "Usage: java -jar ledgerloop-verify.jar <bundle.zip> [--verifier-key <name+hash+key>]"
            + " [--trusted-checkpoint <file>]\n";

    private VerifyBundle() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path bundlePath = null;
        String verifierKey = null;
        Path trustedCheckpoint = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--verifier-key") || arg.equals("--trusted-checkpoint")) && i + 1 < args.length) {
                if (arg.equals("--verifier-key")) {
                    verifierKey = args[++i];
                } else {
                    trustedCheckpoint = Path.of(args[++i]);
                }
            } else if (!arg.startsWith("--") && bundlePath == null) {
                bundlePath = Path.of(arg);
            } else {
                err.print(USAGE);
                return 2;
            }
        }
        if (bundlePath == null) {
            err.print(USAGE);
            return 2;
        }
        EvidenceBundle bundle;
        String trusted;
        try (InputStream in = Files.newInputStream(bundlePath)) {
            bundle = EvidenceBundle.read(in);
            trusted = trustedCheckpoint == null ? null : Files.readString(trustedCheckpoint);
        } catch (IOException | RuntimeException e) {
            err.println("Cannot read " + e.getMessage());
            return 2;
        }
        BundleVerifier.Outcome outcome = new BundleVerifier().verify(bundle, verifierKey, trusted);
        out.println(outcome.summary());
        outcome.notes().forEach(note -> out.println("Note: " + note));
        return outcome.ok() ? 0 : 1;
    }
}
