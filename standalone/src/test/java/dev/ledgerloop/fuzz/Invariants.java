package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.secrets.SecretPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold for every case (docs/testing.md): no 5xx and an answer in time; no secret in any error body; every
 * 4xx with the error body of docs/api.md §Errors, a code that goes with its status and a status the operation documents; nothing stored
 * by a caller on a 4xx; a 2xx only for a credential the route takes, never across spaces, never for a request no route
 * may accept.
 */
final class Invariants {
    private static final Map<Integer, String> CODES = Map.of(
            400, "VALIDATION_ERROR",
            401, "UNAUTHENTICATED",
            403, "FORBIDDEN",
            404, "NOT_FOUND",
            409, "CONFLICT",
            413, "PAYLOAD_TOO_LARGE",
            414, "VALIDATION_ERROR",
            431, "VALIDATION_ERROR",
            429, "RATE_LIMITED");
    /**
     * Any route answers these for a request that did not reach it (another path, a malformed one, a request line or
     * headers over the server's limits).
     */
    private static final Set<Integer> ANY_ROUTE = Set.of(400, 401, 403, 404, 413, 414, 431);

    private final Set<String> spaceAIds;
    private final Set<String> spaceBIds;

    Invariants(Fixtures fixtures) {
        this(fixtures.spaceAIds(), fixtures.spaceBIds());
    }

    Invariants(Set<String> spaceAIds, Set<String> spaceBIds) {
        this.spaceAIds = spaceAIds;
        this.spaceBIds = spaceBIds;
    }

    /** The kinds of violation of this case (empty when it passed), each a short stable label with details after ':'. */
    List<String> check(FuzzCase request, Http.Answer answer, List<String> storedEvents) {
        List<String> violations = new ArrayList<>();
        int status = answer.status();
        if (answer.timedOut()) {
            if (!longPoll(request)) {
                violations.add("no answer in time");
            }
            return violations;
        }
        if (status >= 500) {
            violations.add("5xx: " + status + " " + abbreviated(answer.text()));
        }
        if (status >= 400) {
            SecretPatterns.findIn(answer.text()).forEach(found -> violations.add("secret in an error body: " + found));
        }
        if (status >= 400 && status < 500) {
            errorBody(request, answer, violations);
            if (!storedEvents.isEmpty()) {
                violations.add("stored on a 4xx: " + storedEvents);
            }
        }
        if (status >= 200 && status < 300) {
            if (!request.operation().kind().takes(request.credential())) {
                violations.add("2xx for a credential the route does not take: " + request.credential());
            }
            boolean spaceB = request.credential() == Credential.HUMAN_OTHER_SPACE;
            for (String id : spaceB ? spaceAIds : spaceBIds) {
                if (request.target().contains(id) || bodyContains(request, id)) {
                    violations.add("2xx across spaces: "
                            + (spaceB ? "space B reached space A's " : "space A reached space B's ") + id);
                }
            }
            if (request.mustRefuse()) {
                violations.add("2xx for a request no route may accept");
            }
        }
        if (status < 200 || (status >= 300 && status < 400)) {
            violations.add("unexpected status " + status);
        }
        return violations;
    }

    private static void errorBody(FuzzCase request, Http.Answer answer, List<String> violations) {
        int status = answer.status();
        if (!request.operation().statuses().contains(status) && !ANY_ROUTE.contains(status)) {
            violations.add("undocumented status " + status);
        }
        if (!answer.contentType().startsWith("application/json")) {
            violations.add("4xx not application/json: '" + answer.contentType() + "' " + abbreviated(answer.text()));
            return;
        }
        JsonNode body = answer.json();
        JsonNode error = body == null ? null : body.get("error");
        if (error == null
                || !error.path("code").isTextual()
                || !error.path("message").isTextual()) {
            violations.add("4xx without the error body: " + abbreviated(answer.text()));
            return;
        }
        String expected = CODES.get(status);
        if (expected != null && !expected.equals(error.get("code").asText())) {
            violations.add("code " + error.get("code").asText() + " with status " + status);
        }
    }

    private static boolean bodyContains(FuzzCase request, String id) {
        return request.body() != null
                && request.body().length < 100_000
                && new String(request.body(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(id);
    }

    /** Await, typing and the live event streams may hold the request open by design. */
    static boolean longPoll(FuzzCase request) {
        return request.method().equals("GET")
                && (request.operation().template().endsWith("/await")
                        || request.operation().template().endsWith("/typing")
                        || request.operation().template().endsWith("/stream"));
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
