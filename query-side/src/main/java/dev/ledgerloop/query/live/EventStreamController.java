package dev.ledgerloop.query.live;

import dev.ledgerloop.platform.principal.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/agent/stream} and {@code GET /v1/human/stream} over the servlet container: the route a gateway in
 * another process reaches (see {@link StreamRequests} for what a stream carries).
 */
@RestController
class EventStreamController {
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final StreamRequests requests;
    private final Counter opened;

    EventStreamController(StreamRequests requests, MeterRegistry registry) {
        this.requests = requests;
        this.opened = Counter.builder("ledgerloop.live.streams.http")
                .description("Live event streams opened through this query side's HTTP route (not in-process)")
                .register(registry);
    }

    @GetMapping(path = "/v1/agent/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter agentStream(
            Principal principal,
            @RequestHeader(name = StreamRequests.LAST_EVENT_ID, required = false) String lastEventId,
            @RequestParam(required = false) String after) {
        return open(principal, "agent", lastEventId, after);
    }

    @GetMapping(path = "/v1/human/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter humanStream(
            Principal principal,
            @RequestHeader(name = StreamRequests.LAST_EVENT_ID, required = false) String lastEventId,
            @RequestParam(required = false) String after) {
        return open(principal, "human", lastEventId, after);
    }

    private SseEmitter open(Principal principal, String audience, String lastEventId, String after) {
        SseEmitter emitter = new SseEmitter(requests.timeout().toMillis());
        Runnable close = requests.open(principal, audience, lastEventId, after, new EmitterOutput(emitter));
        opened.increment();
        emitter.onCompletion(close);
        emitter.onTimeout(() -> {
            close.run();
            emitter.complete();
        });
        emitter.onError(error -> close.run());
        return emitter;
    }

    /** Whole server-sent events handed to the emitter as they are: the text of each event is written once. */
    private record EmitterOutput(SseEmitter emitter) implements StreamOutput {
        @Override
        public void send(String events) throws IOException {
            emitter.send(Set.of(new SseEmitter.DataWithMediaType(events, TEXT)));
        }

        @Override
        public void complete() {
            emitter.complete();
        }
    }
}
