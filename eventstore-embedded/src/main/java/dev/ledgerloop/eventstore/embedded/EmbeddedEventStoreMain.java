package dev.ledgerloop.eventstore.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded node on its own: {@code --data=DIR --port=N --host=H --max-append-size=BYTES}. Prints
 * {@code READY <port>} on standard output once it accepts connections.
 */
public final class EmbeddedEventStoreMain {
    private EmbeddedEventStoreMain() {}

    public static void main(String[] args) throws InterruptedException {
        NodeSettings settings = NodeSettings.of(Path.of("data", "eventstore"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            settings = switch (pair[0]) {
                case "--data" ->
                    new NodeSettings(
                            Path.of(pair[1]),
                            settings.host(),
                            settings.port(),
                            settings.maxAppendSize(),
                            settings.segmentSize());
                case "--port" -> settings.withPort(Integer.parseInt(pair[1]));
                case "--host" -> settings.withHost(pair[1]);
                case "--max-append-size" -> settings.withMaxAppendSize(Long.parseLong(pair[1]));
                case "--segment-size" -> settings.withSegmentSize(Long.parseLong(pair[1]));
                default -> throw new IllegalArgumentException("Unknown option " + pair[0]);
            };
        }
        EmbeddedEventStoreNode node = EmbeddedEventStoreNode.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }));
        System.out.println("READY " + node.port());
        System.out.flush();
        stopped.await();
    }
}
