package dev.ledgerloop.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time the whole JVM has used, every thread together: on a shared machine, CPU per request varies far less with
 * the load than requests per second do.
 */
final class ProcessCpu {
    private ProcessCpu() {}

    static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
