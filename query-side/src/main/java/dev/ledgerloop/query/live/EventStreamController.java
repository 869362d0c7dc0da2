package dev.ledgerloop.query.live;

import dev.ledgerloop.platform.principal.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/agent/stream} and {@code GET /v1/human/stream} over the servlet container: the route a gateway in
 * another process reaches (see {@link StreamRequests} for what a stream carries). Written without blocking a thread
 * ({@link NonBlockingEventResponse}).
 */
@RestController
@EnableConfigurationProperties(StreamBounds.class)
class EventStreamController {
    private final StreamRequests requests;
    private final StreamBounds bounds;
    private final Counter opened;

    EventStreamController(StreamRequests requests, StreamBounds bounds, MeterRegistry registry) {
        this.requests = requests;
        this.bounds = bounds;
        this.opened = Counter.builder("ledgerloop.live.streams.http")
                .description("Live event streams opened through this query side's HTTP route (not in-process)")
                .register(registry);
    }

    @GetMapping(path = "/v1/agent/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void agentStream(
            Principal principal,
            @RequestHeader(name = StreamRequests.LAST_EVENT_ID, required = false) String lastEventId,
            @RequestParam(required = false) String after,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        open(principal, "agent", lastEventId, after, request, response);
    }

    @GetMapping(path = "/v1/human/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void humanStream(
            Principal principal,
            @RequestHeader(name = StreamRequests.LAST_EVENT_ID, required = false) String lastEventId,
            @RequestParam(required = false) String after,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        open(principal, "human", lastEventId, after, request, response);
    }

    private void open(
            Principal principal,
            String audience,
            String lastEventId,
            String after,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        NonBlockingEventResponse events = new NonBlockingEventResponse(
                request,
                response,
                requests.timeout(),
                bounds.maxQueuedEvents(),
                bounds.maxQueuedBytes().toBytes());
        Runnable close = requests.open(principal, audience, lastEventId, after, events);
        opened.increment();
        events.whenFinished(close);
        try {
            events.start();
        } catch (IOException | RuntimeException notStarted) {
            close.run();
            throw notStarted;
        }
    }
}
