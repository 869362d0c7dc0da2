package dev.ledgerloop.standalone.webhook;

import com.eventstore.dbclient.StreamNotFoundException;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** What the webhook end-to-end tests share: a short retry schedule, endpoint bodies, signature checks. */
public final class Webhooks {
    /** Four attempts 200 ms apart, no jitter: a delivery is exhausted within a second. */
    public static final String[] SHORT_SCHEDULE = {
        "--ledgerloop.webhooks.retry-schedule=0s,200ms,200ms,200ms",
        "--ledgerloop.webhooks.jitter=0",
        "--ledgerloop.webhooks.timeout=3s"
    };

    private Webhooks() {}

    /** The body that registers an endpoint for {@code session.*}, scoped to an agent and with a token if given. */
    public static String endpoint(String url, String agentId, String token) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":[\"session.*\"]"
                + (agentId == null ? "" : ",\"scope\":{\"agentIds\":[\"" + agentId + "\"]}")
                + (token == null ? "" : ",\"token\":\"" + token + "\"")
                + "}";
    }

    /**
     * {@code clients} agents of the key ({@code <agentPrefix>-0}, ...), each on a thread of its own, open {@code
     * sessionsPerClient} sessions one after the other, all at once; returns when all are open (2 minutes at most).
     */
    static void openSessionsAtOnce(
            LedgerloopSystem system, String key, String agentPrefix, int clients, int sessionsPerClient)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> opening = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                Api agent = Api.gateway(system).withKey(key, agentPrefix + "-" + client);
                opening.add(threads.submit(() -> {
                    for (int i = 0; i < sessionsPerClient; i++) {
                        agent.openSession();
                    }
                    return null;
                }));
            }
            for (Future<?> client : opening) {
                client.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The command side's webhook dispatcher, the processor that turns events into deliveries. */
    static StreamingEventProcessor dispatcher(LedgerloopSystem system) {
        return system.backendContexts()
                .get(0)
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor("webhook-dispatcher", StreamingEventProcessor.class)
                .orElseThrow();
    }

    /** The delivery's id: a name-based UUID of event id and endpoint id (docs/webhooks.md), its {@code webhook-id}. */
    static String deliveryId(String eventId, String webhookId) {
        return UUID.nameUUIDFromBytes((eventId + "/" + webhookId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Whether the dispatcher made the delivery of the event to the endpoint: its stream is in the log. */
    static boolean deliveryMade(LedgerloopSystem system, String eventId, String webhookId) {
        try {
            return !EventLog.stream(system, "delivery-" + deliveryId(eventId, webhookId))
                    .isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamNotFoundException) {
                return false;
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivery's Standard Webhooks headers, as svix's verifier takes them. */
    static Map<String, List<String>> standardHeaders(WebhookReceiver.Received delivery) {
        return Map.of(
                "webhook-id", List.of(delivery.header("webhook-id")),
                "webhook-timestamp", List.of(delivery.header("webhook-timestamp")),
                "webhook-signature", List.of(delivery.header("webhook-signature")));
    }

    /**
     * Whether the delivery carries a Standard Webhooks {@code v1} signature by the secret, computed here: unlike
     * svix's verifier it does not refuse a delivery received more than five minutes ago (a receiver's replay guard).
     */
    public static boolean signedWith(String secret, WebhookReceiver.Received delivery) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed =
                delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + "." + delivery.body();
        String signature =
                "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(delivery.header("webhook-signature").split(" ")).contains(signature);
    }

    /** The seed's signature, computed here independently of the server's code. */
    static String hiloopSignature(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
