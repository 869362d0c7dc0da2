package dev.ledgerloop.standalone;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.gateway.live.InProcessEventStreams;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.live.StreamOutput;
import dev.ledgerloop.query.live.StreamRequests;
import dev.ledgerloop.service.ApiException;
import java.io.IOException;

/**
 * The query side's live event streams handed to the gateway of the same JVM, which writes them to its clients itself
 * (docs/services.md#the-live-streams-in-one-jvm). A refusal keeps the code and message the query side's route
 * answers with.
 */
final class InProcessStreams implements InProcessEventStreams {
    private final StreamRequests requests;

    InProcessStreams(StreamRequests requests) {
        this.requests = requests;
    }

    @Override
    public Opened open(Principal principal, String audience, String lastEventId, String after, Output output) {
        try {
            Runnable close = requests.open(principal, audience, lastEventId, after, new StreamOutput() {
                @Override
                public void send(String events) throws IOException {
                    output.send(events);
                }

                @Override
                public void complete() {
                    output.complete();
                }
            });
            return new Opened(close, requests.timeout());
        } catch (ApiException refused) {
            throw new GatewayException(refused.code(), refused.getMessage());
        }
    }
}
