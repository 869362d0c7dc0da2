package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LedgerloopClient#awaitResponse}: bounded long-polls, one after the other, until an answer or the caller's
 * deadline. The server keeps an answer available to {@code await} until the agent acknowledges it, so a poll lost to
 * a restart of either side loses nothing: the next poll (or, after the agent's restart, the next call) gets the same
 * answer, with the same id. Transient failures (no connection, timeouts, 429, 5xx) are retried with a backoff of
 * 250 ms doubling to 5 s; anything else is thrown.
 */
final class ResponseAwaiter {
    /** Below the gateway's and any proxy's idle limits; the API allows up to 300 s. */
    static final Duration MAX_POLL = Duration.ofSeconds(55);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Added to a poll's own timeout for the HTTP request's: the server answers 204 at the poll's end. */
    private static final Duration POLL_GRACE = Duration.ofSeconds(15);

    private final Http http;
    private final TimelineSearch search;
    private final Decoding decoding;
    private final Clock clock;

    ResponseAwaiter(Http http, TimelineSearch search, Decoding decoding, Clock clock) {
        this.http = http;
        this.search = search;
        this.decoding = decoding;
        this.clock = clock;
    }

    Optional<Response> await(String sessionId, String messageId, Duration deadline) {
        Instant end = clock.instant().plus(deadline);
        Duration backoff = FIRST_BACKOFF;
        // With a message named, its answer may already be acknowledged, or hidden from await by a later answered
        // question: the timeline has it either way.
        boolean lookInTimeline = messageId != null;
        while (true) {
            try {
                if (lookInTimeline) {
                    TimelineSearch.Found found = search.find(sessionId, messageId);
                    if (found.message() == null) {
                        throw new LedgerloopException(
                                404, "NOT_FOUND", "No message " + messageId + " in session " + sessionId);
                    }
                    if (found.response() != null) {
                        return Optional.of(decode(found.response(), found.message()));
                    }
                    lookInTimeline = false;
                }
                Duration remaining = Duration.between(clock.instant(), end);
                if (remaining.isNegative() || remaining.isZero()) {
                    return Optional.empty();
                }
                Duration poll = remaining.compareTo(MAX_POLL) < 0 ? remaining : MAX_POLL;
                JsonNode item = http.send(
                        "GET",
                        Http.query(
                                "/v1/agent/sessions/" + Http.segment(sessionId) + "/await",
                                Map.of("timeoutMs", Math.max(1, poll.toMillis()))),
                        null,
                        poll.plus(POLL_GRACE));
                if (item == null) {
                    backoff = FIRST_BACKOFF;
                    continue;
                }
                if (messageId == null || messageId.equals(item.path("messageId").asText())) {
                    return Optional.of(decode(item, null));
                }
                // Another question's answer waits for its acknowledgement and is all await shows until then.
                lookInTimeline = true;
            } catch (LedgerloopException e) {
                if (!e.isTransient()) {
                    throw e;
                }
            }
            if (!pause(backoff, end)) {
                return Optional.empty();
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** The response decrypted, its signature verified against the message as it stands. */
    Response decode(JsonNode responseItem, JsonNode messageItem) {
        DecisionSignature signature = null;
        if (responseItem.hasNonNull("signature")) {
            JsonNode message = messageItem;
            if (message == null) {
                message = search.find(
                                Decoding.text(responseItem, "sessionId"), Decoding.text(responseItem, "messageId"))
                        .message();
            }
            signature = DecisionVerification.verify(
                    responseItem,
                    message == null ? null : nullable(message.get("encryptedContent")),
                    message == null ? null : nullable(message.get("encryptedComponents")));
        }
        Response response = decoding.response(responseItem, signature);
        if (!response.readable()) {
            throw new LedgerloopException(
                    0,
                    LedgerloopException.CANNOT_DECRYPT,
                    "The answer to message " + response.messageId() + " is not sealed for this agent's key");
        }
        return response;
    }

    /** Sleeps for the backoff or until the deadline; false when the deadline has passed. */
    private boolean pause(Duration backoff, Instant end) {
        Duration remaining = Duration.between(clock.instant(), end);
        if (remaining.isNegative() || remaining.isZero()) {
            return false;
        }
        try {
            Thread.sleep(Math.min(backoff.toMillis(), remaining.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerloopException(0, LedgerloopException.UNREACHABLE, "Interrupted while waiting", e);
        }
        return true;
    }

    private static JsonNode nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
