package dev.ledgerloop.bench.peer;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of this JVM, and of another process with its children from {@code /proc}, in nanoseconds. */
public final class ProcessCpu {
    // Linux reports /proc times in clock ticks of USER_HZ, 100 per second on every common architecture.
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    public static long ofThisJvm() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * User and system time of {@code pid} (including its children that exited and were waited for) and of its
     * children that are running; 0 where {@code /proc} cannot be read.
     */
    static long ofTree(long pid) {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] stat = stat(process);
                if (stat == null) {
                    continue;
                }
                if (Long.parseLong(name) == pid) {
                    ticks += stat[1] + stat[2] + stat[3] + stat[4];
                } else if (stat[0] == pid) {
                    ticks += stat[1] + stat[2];
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** ppid, utime, stime, cutime, cstime; null when the process is gone. */
    private static long[] stat(Path process) {
        String line;
        try {
            line = Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            return null;
        }
        // Fields after the command name, which is in parentheses and may hold spaces: state ppid ... (see proc(5)).
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return new long[] {
            Long.parseLong(fields[1]),
            Long.parseLong(fields[11]),
            Long.parseLong(fields[12]),
            Long.parseLong(fields[13]),
            Long.parseLong(fields[14])
        };
    }
}
