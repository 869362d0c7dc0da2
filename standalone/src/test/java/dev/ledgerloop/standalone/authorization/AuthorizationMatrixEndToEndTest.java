package dev.ledgerloop.standalone.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.authorization.AuthorizationMatrix.Row;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix through the gateway of the whole system (docs/api.md §Which credentials where, §Spaces and
 * each route's refusals): every operation {@code /openapi.json} describes × every {@link Credential} answers what
 * {@link AuthorizationMatrix} says. A refusal changes nothing: the head of {@code $all} stays where it was and the
 * resources the route names read the same. Then every allowed call is made and succeeds, on a resource of its own
 * where it consumes one. A route added to the API without a row fails the test.
 */
class AuthorizationMatrixEndToEndTest {
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final Map<Integer, String> ERROR_CODES = Map.of(
            400, "VALIDATION_ERROR", 401, "UNAUTHENTICATED", 403, "FORBIDDEN", 404, "NOT_FOUND", 409, "CONFLICT");

    @TempDir
    Path data;

    @Test
    void every_route_answers_every_credential_as_documented_and_a_refusal_changes_nothing() throws Exception {
        try (LedgerloopSystem system =
                        LedgerloopSystem.start(data, 0, SpaceA.gatewaySettings(), SpaceA.backendSettings());
                EventLog.Head log = EventLog.head(system)) {
            long started = System.nanoTime();
            SpaceA space = SpaceA.make(system);
            List<Row> rows = AuthorizationMatrix.rows();
            assertThat(operations(rows))
                    .as("the matrix has one row for each operation of /openapi.json")
                    .containsExactlyInAnyOrderElementsOf(describedOperations(space.caller(Credential.NONE)));

            SoftAssertions softly = new SoftAssertions();
            long head = space.settledHead(log);
            Map<String, String> spaceBefore = space.readAll();
            long settled = System.nanoTime();
            for (Row row : rows) {
                Map<String, String> before = space.read(row.path());
                for (Credential credential : Credential.values()) {
                    Integer refusal = row.refusalFor(credential);
                    if (refusal == null) {
                        continue;
                    }
                    Reply reply = send(
                            credential,
                            space.caller(credential),
                            row.method(),
                            space.refused(row.path()),
                            space.refused(row.body()));
                    softly.assertThat(reply.status())
                            .as("%s as %s answered %s", row.route(), credential, reply)
                            .isEqualTo(refusal);
                    softly.assertThat(reply.errorCode())
                            .as("%s as %s answered %s", row.route(), credential, reply)
                            .isEqualTo(ERROR_CODES.get(refusal));
                    long now = log.position();
                    softly.assertThat(now)
                            .as("%s as %s appended to the event log", row.route(), credential)
                            .isEqualTo(head);
                    if (now != head) {
                        head = space.settledHead(log);
                    }
                }
                softly.assertThat(space.read(row.path()))
                        .as("%s: the resources after the refusals", row.route())
                        .isEqualTo(before);
            }
            softly.assertThat(space.readAll()).as("space A after every refusal").isEqualTo(spaceBefore);
            softly.assertAll();
            long refused = System.nanoTime();

            for (Row row : rows) {
                for (Credential credential : Credential.values()) {
                    if (row.refusalFor(credential) != null) {
                        continue;
                    }
                    Reply reply = send(
                            credential,
                            space.caller(credential),
                            row.method(),
                            space.allowed(row.path()),
                            space.allowed(row.body()));
                    softly.assertThat(row.success())
                            .as("%s as %s answered %s", row.route(), credential, reply)
                            .contains(reply.status());
                    if (AuthorizationMatrix.STREAM.equals(row.body())) {
                        softly.assertThat(reply.contentType())
                                .as("%s as %s", row.route(), credential)
                                .startsWith("text/event-stream");
                    }
                }
            }
            System.out.printf(
                    "Authorization matrix: %d routes × %d credentials; space A made and settled in %d ms, refusals"
                            + " checked in %d ms, allowed calls in %d ms%n",
                    rows.size(),
                    Credential.values().length,
                    (settled - started) / 1_000_000,
                    (refused - settled) / 1_000_000,
                    (System.nanoTime() - refused) / 1_000_000);
            softly.assertAll();
        }
    }

    /** What was answered: the status, its content type and, for an error, its body. */
    private record Reply(int status, String contentType, String text) {
        String errorCode() {
            try {
                return Json.read(text).at("/error/code").asText(null);
            } catch (AssertionError notJson) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /**
     * Sends one call. A kept-alive connection the gateway closed just before it was reused fails with an EOF before any
     * answer (see api-gateway README, Errors); such a call never reached the gateway and is sent once more, on a new
     * connection.
     */
    private static Reply send(Credential credential, Api api, String method, String path, String body)
            throws Exception {
        try {
            return sendOnce(api, method, path, body);
        } catch (IOException closedUnderIt) {
            if (!String.valueOf(closedUnderIt.getMessage()).contains("received no bytes")) {
                throw new AssertionError(method + " " + path + " as " + credential + " failed", closedUnderIt);
            }
            return sendOnce(api, method, path, body);
        }
    }

    private static Reply sendOnce(Api api, String method, String path, String body) throws Exception {
        if (AuthorizationMatrix.UPLOAD.equals(body)) {
            return reply(api.upload(path, "matrix.bin", new byte[] {1, 2, 3}));
        }
        if (AuthorizationMatrix.STREAM.equals(body)) {
            HttpResponse<Stream<String>> response = api.lines(path);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            try (Stream<String> lines = response.body()) {
                // A stream that opened is the answer; its body never ends.
                String text = response.statusCode() == 200 ? "" : lines.collect(Collectors.joining("\n"));
                return new Reply(response.statusCode(), contentType, text);
            }
        }
        return reply(api.send(method, path, body.isEmpty() ? null : body));
    }

    private static Reply reply(Answer answer) {
        return new Reply(answer.status(), answer.header("Content-Type").orElse(""), answer.text());
    }

    /** "METHOD /path/{}/…" of each row, its query left out and its placeholders unnamed. */
    private static Set<String> operations(List<Row> rows) {
        return rows.stream()
                .map(row -> row.method() + " " + unnamed(row.path().replaceFirst("\\?.*", "")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The same of every operation the gateway's API description has, once both backends are in it. */
    private static Set<String> describedOperations(Api gateway) {
        Answer description = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> gateway.get("/openapi.json"),
                        answer -> answer.status() == 200
                                && !answer.body()
                                        .at("/info/description")
                                        .asText()
                                        .contains("Incomplete"));
        Set<String> operations = new TreeSet<>();
        JsonNode paths = description.body().get("paths");
        for (Iterator<String> path = paths.fieldNames(); path.hasNext(); ) {
            String name = path.next();
            for (String method : Json.fieldNames(paths.get(name))) {
                if (Set.of("get", "put", "post", "patch", "delete", "head").contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + unnamed(name));
                }
            }
        }
        return operations;
    }

    private static String unnamed(String path) {
        return PATH_VARIABLE.matcher(path).replaceAll("{}");
    }
}
