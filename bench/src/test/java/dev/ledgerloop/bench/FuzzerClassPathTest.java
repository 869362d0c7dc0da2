package dev.ledgerloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code bench.jar fuzz} runs the fuzzer from the standalone module's test-jar, which packs only the fuzzer's own
 * classes: every class of ours they use must be packed too, or the command fails with {@code NoClassDefFoundError}
 * in the middle of a run.
 */
class FuzzerClassPathTest {
    @Test
    void every_class_of_ours_the_fuzzer_uses_is_on_the_bench_class_path() {
        Set<String> missing = new TreeSet<>();
        for (JavaClass fuzzerClass : new ClassFileImporter().importPackages("dev.ledgerloop.fuzz")) {
            for (Dependency dependency : fuzzerClass.getDirectDependenciesFromSelf()) {
                String target =
                        dependency.getTargetClass().getBaseComponentType().getName();
                if (target.startsWith("dev.ledgerloop.") && !loadable(target)) {
                    missing.add(target + " (used by " + fuzzerClass.getName() + ")");
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, FuzzerClassPathTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
