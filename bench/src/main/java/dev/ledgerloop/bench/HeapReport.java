package dev.ledgerloop.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * This JVM's memory after full collections: heap used, committed and max, the old generation after its last
 * collection, non-heap, and the process's resident set size from {@code /proc/self/status}.
 */
final class HeapReport {
    private static final double MIB = 1024 * 1024;

    private HeapReport() {}

    /** Runs {@code collections} full collections ({@link System#gc}, a full one on the JVM's default collectors). */
    static void collect(int collections) {
        for (int i = 0; i < collections; i++) {
            System.gc();
        }
    }

    static void print(int collections) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        System.out.printf(
                "after %d full collections (%s):%n",
                collections,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")));
        System.out.printf("  heap used          %,9.1f MiB%n", heap.getUsed() / MIB);
        System.out.printf("  heap committed     %,9.1f MiB%n", heap.getCommitted() / MIB);
        System.out.printf("  max heap           %,9.1f MiB%n", heap.getMax() / MIB);
        for (MemoryPoolMXBean pool : oldGenerations()) {
            System.out.printf(
                    "  %-18s %,9.1f MiB used after its last collection%n",
                    pool.getName(), pool.getCollectionUsage().getUsed() / MIB);
        }
        System.out.printf(
                "  non-heap used      %,9.1f MiB%n",
                memory.getNonHeapMemoryUsage().getUsed() / MIB);
        System.out.printf(
                "  resident set size  %s now (VmRSS), %s at the most (VmHWM)%n",
                procStatus("VmRSS"), procStatus("VmHWM"));
    }

    private static List<MemoryPoolMXBean> oldGenerations() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .toList();
    }

    /** A line of {@code /proc/self/status} in MiB, such as {@code VmRSS:  123456 kB}; "unknown" off Linux. */
    private static String procStatus(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field + ":")) {
                long kib = Long.parseLong(
                        line.substring(field.length() + 1).replace("kB", "").strip());
                return String.format("%,.1f MiB", kib / 1024.0);
            }
        }
        return "unknown";
    }
}
