package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static dev.ledgerloop.standalone.webhook.Webhooks.dispatcher;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.StreamNotFoundException;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's delivery is in the log before the dispatcher is done with its event. The processor stores its
 * token when its batch commits; a delivery appended only then (a command nested in the batch's unit of work) comes
 * after the token, so a crash between the two lost the delivery for good: the restarted dispatcher starts after the
 * event. The crash test found it (docs/testing.md); here the order is checked at the handler itself.
 */
class WebhookDispatchDurabilityEndToEndTest {
    @TempDir
    Path data;

    @Test
    void the_delivery_is_appended_before_the_dispatcher_has_handled_the_event() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0);
                WebhookReceiver receiver = new WebhookReceiver()) {
            Api api = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "durable");
            String webhookId = api.post(
                            "/v1/admin/webhooks", endpoint(receiver.url("/durable", always(200)), null, null))
                    .expect(201)
                    .id();
            List<Boolean> inTheLogWhenHandled = new CopyOnWriteArrayList<>();
            dispatcher(system).registerHandlerInterceptor((unitOfWork, chain) -> {
                Object result = chain.proceed();
                EventMessage<?> event = unitOfWork.getMessage();
                if (event.getPayload() instanceof SessionOpened) {
                    inTheLogWhenHandled.add(deliveryStreamExists(system, event.getIdentifier(), webhookId));
                }
                return result;
            });

            api.openSession();

            patiently().until(() -> !inTheLogWhenHandled.isEmpty());
            assertThat(inTheLogWhenHandled).containsOnly(true);
            patiently().until(() -> receiver.received("/durable").size() == 1);
        }
    }

    /** The delivery's stream: its id is a name-based UUID of event id and endpoint id (docs/webhooks.md). */
    private static boolean deliveryStreamExists(LedgerloopSystem system, String eventId, String webhookId)
            throws Exception {
        UUID deliveryId = UUID.nameUUIDFromBytes((eventId + "/" + webhookId).getBytes(StandardCharsets.UTF_8));
        try {
            return !EventLog.stream(system, "delivery-" + deliveryId).isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamNotFoundException) {
                return false;
            }
            throw e;
        }
    }
}
