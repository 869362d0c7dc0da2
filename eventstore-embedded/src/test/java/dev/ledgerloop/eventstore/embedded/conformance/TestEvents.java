package dev.ledgerloop.eventstore.embedded.conformance;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data builders for events. */
final class TestEvents {
    private TestEvents() {}

    static String streamName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    static EventData json(String type, String json) {
        return EventDataBuilder.json(UUID.randomUUID(), type, json.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    static EventData numbered(int number) {
        return json("TestEvent", "{\"n\":" + number + "}");
    }

    static List<EventData> numbered(int from, int count) {
        List<EventData> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(numbered(i));
        }
        return events;
    }

    static EventData ofType(String type) {
        return json(type, "{}");
    }
}
