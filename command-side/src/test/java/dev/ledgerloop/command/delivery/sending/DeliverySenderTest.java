package dev.ledgerloop.command.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ledgerloop.command.delivery.DeliveryCommand.RecordAttempt;
import dev.ledgerloop.command.webhook.TargetUrlPolicy;
import dev.ledgerloop.command.webhook.TestWebhookProperties;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DescribeWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookProperties;
import dev.ledgerloop.command.webhook.WebhookTarget;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An attempt runs whole on the sender's pool: the look-up of the target's name never on the caller's thread. */
class DeliverySenderTest {
    private static final String HOST = "hooks.example.test";

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private final ConcurrentLinkedQueue<String> lookedUpOn = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RecordAttempt> recorded = new ConcurrentLinkedQueue<>();
    private HttpServer receiver;
    private DeliverySender sender;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        WebhookProperties properties = TestWebhookProperties.of(
                List.of("127.0.0.1"), List.of(receiver.getAddress().getPort()), 4, 32, 4);
        TargetUrlPolicy.HostLookup recordingLookup = host -> {
            lookedUpOn.add(Thread.currentThread().getName());
            if (!host.equals(HOST)) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        };
        sender = new DeliverySender(
                commandGateway(),
                new RetrySchedule(properties),
                new EndpointHealth(MONGO.freshDatabase()),
                new TargetUrlPolicy(properties, recordingLookup),
                properties,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        sender.destroy();
        receiver.stop(0);
    }

    @Test
    void the_targets_name_is_looked_up_on_a_webhook_sender_thread() throws Exception {
        ScheduledDelivery delivery =
                new ScheduledDelivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "{}", 0, false);

        AttemptResult result = sender.attempt(delivery).get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(AttemptResult.DELIVERED);
        assertThat(recorded).singleElement().extracting(RecordAttempt::status).isEqualTo(204);
        assertThat(lookedUpOn).isNotEmpty().allMatch("webhook-sender"::equals);
    }

    /** The command side as the sender sees it: the endpoint's description, and attempts recorded. */
    private CommandGateway commandGateway() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(DescribeWebhookEndpoint.class.getName(), message -> {
            DescribeWebhookEndpoint describe = (DescribeWebhookEndpoint) message.getPayload();
            return new WebhookTarget(
                    describe.webhookId(),
                    UUID.randomUUID(),
                    "http://" + HOST + ":" + receiver.getAddress().getPort() + "/hook",
                    true,
                    false,
                    List.of("whsec_" + Base64.getEncoder().encodeToString(new byte[32])),
                    null);
        });
        bus.subscribe(RecordAttempt.class.getName(), message -> {
            recorded.add((RecordAttempt) message.getPayload());
            return null;
        });
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }
}
