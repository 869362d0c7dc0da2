package dev.ledgerloop.bench.peer;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Sends {@link SendBenchMessage} commands through Axon's command gateway to the sessions round-robin, from {@code
 * inFlight} threads that each send the next command when their previous one returned, for a fixed time.
 */
final class CommandLoad {
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private final CommandGateway gateway;
    private final List<UUID> sessions;
    private final EncryptedEnvelope content;
    private final MetaData context;
    private final AtomicLong next = new AtomicLong();

    CommandLoad(CommandGateway gateway, List<UUID> sessions, EncryptedEnvelope content, MetaData context) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.content = content;
        this.context = context;
    }

    /** One measured phase: how many commands were acknowledged, how long each took, what it cost. */
    record Phase(
            int inFlight,
            long commands,
            long failures,
            long elapsedNanos,
            Histogram latencyMicros,
            Histogram lagMicros,
            long jvmCpuNanos,
            long externalCpuNanos) {
        double commandsPerSecond() {
            return commands * 1e9 / elapsedNanos;
        }
    }

    Phase run(int inFlight, int seconds, MessageCounter counter, EngineUnderTest engine) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong commands = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            Thread sender = new Thread(
                    () -> {
                        awaitStart(start);
                        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                        while (System.nanoTime() < end) {
                            long sent = System.nanoTime();
                            try {
                                send();
                                latency.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
                                commands.incrementAndGet();
                            } catch (Exception e) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                        }
                    },
                    "bench-sender-" + i);
            sender.start();
            senders.add(sender);
        }
        counter.takeLags();
        long cpuBefore = ProcessCpu.ofThisJvm();
        long externalBefore = engine.externalCpuNanos();
        long started = System.nanoTime();
        start.countDown();
        for (Thread sender : senders) {
            sender.join();
        }
        long elapsed = System.nanoTime() - started;
        long cpu = ProcessCpu.ofThisJvm() - cpuBefore;
        long external = engine.externalCpuNanos() - externalBefore;
        if (firstFailure.get() != null) {
            System.out.println("  " + failures.get() + " commands failed, the first with: " + firstFailure.get());
        }
        return new Phase(inFlight, commands.get(), failures.get(), elapsed, latency, counter.takeLags(), cpu, external);
    }

    void open(List<UUID> toOpen, UUID agentId) throws Exception {
        for (UUID session : toOpen) {
            gateway.send(GenericCommandMessage.asCommandMessage(new OpenBenchSession(session, agentId))
                            .andMetaData(context))
                    .get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void send() throws Exception {
        UUID session = sessions.get((int) (next.getAndIncrement() % sessions.size()));
        gateway.send(GenericCommandMessage.asCommandMessage(new SendBenchMessage(session, content))
                        .andMetaData(context))
                .get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void awaitStart(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
