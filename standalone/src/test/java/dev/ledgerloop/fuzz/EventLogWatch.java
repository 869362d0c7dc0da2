package dev.ledgerloop.fuzz;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The head of {@code $all}, followed case by case: {@link #sinceLastLook} answers the events appended since the last
 * look that a caller caused (actor kind {@code agent} or {@code human} in the clear metadata); the system's own events
 * (deliveries, deadlines, checkpoints: actor kind {@code system}) are passed over, so that a case's check holds while
 * the system works in the background.
 */
final class EventLogWatch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 256;

    private final EventStoreDBClient client;
    private Position head;

    EventLogWatch(String connectionString) throws Exception {
        client = EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(connectionString));
        List<ResolvedEvent> last = client.readAll(
                        ReadAllOptions.get().backwards().fromEnd().maxCount(1))
                .get(10, TimeUnit.SECONDS)
                .getEvents();
        head = last.isEmpty() ? null : last.get(0).getEvent().getPosition();
    }

    /** "type (actor)" of every caller-caused event appended since the last look. */
    List<String> sinceLastLook() throws Exception {
        List<String> caused = new ArrayList<>();
        while (true) {
            ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(BATCH);
            options = head == null ? options.fromStart() : options.fromPosition(head);
            List<ResolvedEvent> events =
                    client.readAll(options).get(10, TimeUnit.SECONDS).getEvents();
            int fresh = 0;
            for (ResolvedEvent resolved : events) {
                RecordedEvent event = resolved.getEvent();
                if (head != null && event.getPosition().compareTo(head) <= 0) {
                    continue;
                }
                fresh++;
                head = event.getPosition();
                String actor = actorKind(event);
                if (!event.getStreamId().startsWith("$") && !actor.equals("system")) {
                    caused.add(event.getEventType() + " (" + actor + ") in " + event.getStreamId());
                }
            }
            if (events.size() < BATCH || fresh == 0) {
                return caused;
            }
        }
    }

    private static String actorKind(RecordedEvent event) {
        try {
            JsonNode metadata = JSON.readTree(event.getUserMetadata());
            return metadata == null
                    ? "unknown"
                    : metadata.path("actor").path("kind").asText("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
