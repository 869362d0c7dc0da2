package dev.ledgerloop.standalone.authorization;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Envelopes.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every route of the public API × every {@link Credential}: {@code ok} (the route's own success) or the status
 * docs/api.md documents for that caller. Paths name resources of space A by placeholder ({@link SpaceA} makes them);
 * the placeholder says which resource, so a route that consumes one (a close, a delete, an answer) gets its own.
 *
 * <p>Where the columns come from: {@code /v1/agent/**} takes agent keys (humans and no credentials: 401, provisioning
 * keys: 403); another agent's or another space's resource answers 404, never 403. {@code /v1/human/**} takes humans
 * (agents and no credentials: 401); a session the human takes no part in, or another space's, answers 404; a viewer
 * may read but not send or answer (403). {@code /v1/provision/**} takes only provisioning keys (anyone else: 403, no
 * credentials: 401). {@code /v1/admin/**} takes only the space owner (anyone else: 403, no credentials: 401).
 */
final class AuthorizationMatrix {
    /** The body of an attachment upload: a multipart file. */
    static final String UPLOAD = "<multipart file>";
    /** The route answers a stream of server-sent events: its status and headers are the answer. */
    static final String STREAM = "<event stream>";

    static final String COMMANDS =
            "[{\"name\":\"deploy\",\"description\":\"Deploy\",\"parameters\":{\"type\":\"object\"}}]";
    static final String WEBHOOK = "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"session.closed\"],"
            + "\"scope\":{\"agentIds\":[\"{agentA}\"]}}";

    /** A valid X25519 public key, and a valid Ed25519 one (base64 of 32 bytes). */
    static final String X25519_KEY = "B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw=";

    static final String ED25519_KEY = "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=";

    /** The bodies the table names; placeholders in them are filled like the paths'. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("-", ""),
            Map.entry("empty", "{}"),
            Map.entry("message", message()),
            Map.entry("blocks", "{\"encryptedBlocks\":" + envelope() + ",\"encryptedContent\":" + envelope() + "}"),
            Map.entry("question", "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true}"),
            Map.entry("response", "{\"encryptedResponse\":" + envelope() + "}"),
            Map.entry("result", "{\"encryptedResult\":" + envelope() + "}"),
            Map.entry("failure", "{\"error\":\"no\"}"),
            Map.entry("newParticipant", "{\"userId\":\"{newUser}\"}"),
            Map.entry("viewerRole", "{\"role\":\"viewer\"}"),
            Map.entry("typing", "{\"typing\":true}"),
            Map.entry("channel", "{\"name\":\"matrix\"}"),
            Map.entry("addSpare", "{\"agentId\":\"{spareAgent}\"}"),
            Map.entry("commands", COMMANDS),
            Map.entry("invoke", "{\"agentId\":\"{agentA}\",\"command\":\"deploy\",\"arguments\":{}}"),
            Map.entry("joinToken", "{\"token\":\"{joinToken}\"}"),
            Map.entry("guestJoin", "{\"token\":\"{joinToken}\",\"name\":\"Matrix guest\"}"),
            Map.entry("newAgent", "{\"name\":\"matrix-bot\"}"),
            Map.entry("webhook", WEBHOOK),
            Map.entry("enable", "{\"enabled\":true}"),
            Map.entry("since", "{\"since\":\"2020-01-01T00:00:00Z\"}"),
            Map.entry("confirm", "{\"confirm\":\"{shreddable}\"}"),
            Map.entry("publicKey", "{\"publicKey\":\"" + X25519_KEY + "\"}"),
            Map.entry(
                    "humanKeys", "{\"publicKey\":\"" + X25519_KEY + "\",\"signingPublicKey\":\"" + ED25519_KEY + "\"}"),
            Map.entry("settings", "{\"requireSignedAnswers\":false}"),
            Map.entry("availability", "{\"status\":\"busy\"}"),
            Map.entry("activity", "{\"action\":\"matrix.checked\"}"),
            Map.entry("comm", "{\"channel\":\"email\",\"direction\":\"outbound\"}"),
            Map.entry("telemetry", "{\"metrics\":[{\"name\":\"calls\",\"value\":1}]}"),
            Map.entry("profile", "{\"slug\":\"{newSlug}\",\"displayName\":\"Matrix\"}"),
            Map.entry("upload", UPLOAD),
            Map.entry("stream", STREAM));

    /**
     * One row per route: method and path, the body (a name of {@link #BODIES}; {@code -} none), the status(es) of
     * success, then one column per {@link Credential} as the header names them: {@code ok} or the status expected.
     */
    private static final String TABLE =
            """
            route                                                               | body          | success | AGENT_A OTHER_AGENT_A PROVISIONING MEMBER VIEWER GUEST OUTSIDER HUMAN_B AGENT_B NONE
            # Sessions (agent)
            POST /v1/agent/sessions                                             | empty         | 201     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/sessions                                              | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/sessions/{session}                                    | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{session}/messages                          | question      | 201     | ok      404           403          401    401    401   401      401     404     401
            PATCH /v1/agent/sessions/{session}/messages/{question}              | message       | 200     | ok      404           403          401    401    401   401      401     404     401
            DELETE /v1/agent/sessions/{session}/messages/{question}             | -             | 204     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{answeredSession}/acknowledge               | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{askingSession}/cancel                      | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{closable}/close                            | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{closable}/archive                          | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/timeline                           | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/await?timeoutMs=0                  | -             | 200/204 | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/history                            | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{session}/participants                      | newParticipant| 201     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/participants                       | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            PATCH /v1/agent/sessions/{session}/participants/{participant}       | viewerRole    | 200     | ok      404           403          401    401    401   401      401     404     401
            DELETE /v1/agent/sessions/{session}/participants/{participant}      | -             | 204     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{session}/guest-tokens                      | empty         | 201     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/guest-tokens                       | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            DELETE /v1/agent/sessions/{session}/guest-tokens/{guestToken}       | -             | 204     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{session}/attachments                       | upload        | 201     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/attachments                        | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/attachments/{attachment}           | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/sessions/{session}/typing                            | typing        | 202     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/sessions/{session}/typing                             | stream        | 200     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/stream                                                | stream        | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/ws                                                    | -             | 400     | ok      ok            403          401    401    401   401      401     ok      401
            # Legacy interactions (agent): an interaction is a session, and answers as one
            POST /v1/agent/interactions                                         | message       | 201     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/interactions                                          | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/interactions/{interaction}                            | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/interactions/{interaction}/await?timeoutMs=0          | -             | 200/204 | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/interactions/{askingInteraction}/cancel              | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/interactions/{answeredInteraction}/acknowledge       | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/interactions/{interaction}/messages                  | message       | 201     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/interactions/{interaction}/messages                   | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/interactions/{interaction}/blocks                    | blocks        | 201     | ok      404           403          401    401    401   401      401     404     401
            # Channels (agent): only a channel's participants find it; a participant is an agent of the space
            POST /v1/agent/channels                                             | channel       | 201     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/channels                                              | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/channels/{channel}                                    | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/channels/{openChannel}/close                         | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/channels/{openChannel}/participants                  | addSpare      | 201     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/channels/{channel}/participants                       | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            DELETE /v1/agent/channels/{spareChannel}/participants/{spareAgent} | -            | 204     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/channels/{channel}/messages                          | message       | 201     | ok      404           403          401    401    401   401      401     404     401
            GET /v1/agent/channels/{channel}/messages                           | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            # Commands, invocations, registration, deliveries (agent)
            PUT /v1/agent/commands                                              | commands      | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/commands                                              | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/invocations                                           | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/invocations/{invocation}                              | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/invocations/{pendingInvocation}/complete             | result        | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/invocations/{pendingInvocation}/fail                 | failure       | 200     | ok      404           403          401    401    401   401      401     404     401
            PUT /v1/agent/registration                                          | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/webhook-deliveries                                    | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/webhook-deliveries/stats                              | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/webhook-deliveries/{delivery}                         | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            POST /v1/agent/webhook-deliveries/{delivery}/retry                  | -             | 202     | ok      404           403          401    401    401   401      401     404     401
            # Keys: one's own, the space's, and a session's recipients; the space's key and defaults are the owner's
            PUT /v1/agent/public-key                                            | publicKey     | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/public-key                                            | -             | 200/404 | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/encryption                                            | -             | 200/404 | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/sessions/{session}/recipients                         | -             | 200     | ok      404           403          401    401    401   401      401     404     401
            PUT /v1/human/public-key                                            | humanKeys     | 200     | 401     401           403          ok     ok     ok    ok       ok      401     401
            GET /v1/human/public-key                                            | -             | 200/404 | 401     401           403          ok     ok     ok    ok       ok      401     401
            GET /v1/human/sessions/{session}/recipients                         | -             | 200     | 401     401           403          ok     ok     ok    404      404     401     401
            PUT /v1/admin/encryption                                            | publicKey     | 200     | ok      403           403          403    403    403   403      403     403     401
            PUT /v1/admin/settings                                              | settings      | 200     | ok      403           403          403    403    403   403      403     403     401
            # Utilities: quota, the space's users and their availability, agents' logs, public agent profiles
            GET /v1/agent/quota                                                 | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/space/users                                           | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/space/teams                                           | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/users/{knownUser}/availability                        | -             | 200     | ok      ok            403          401    401    401   401      401     404     401
            PUT /v1/human/availability                                          | availability  | 200     | 401     401           403          ok     ok     ok    ok       ok      401     401
            POST /v1/agent/activity                                             | activity      | 201     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/activity                                              | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            POST /v1/agent/comms                                                | comm          | 201     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/comms                                                 | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            POST /v1/agent/telemetry                                            | telemetry     | 201     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/telemetry                                             | -             | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/admin/activity                                              | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/comms                                                 | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/telemetry                                             | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            PUT /v1/agent/profile                                               | profile       | 200     | ok      ok            403          401    401    401   401      401     ok      401
            GET /v1/agent/profile                                               | -             | 200/404 | ok      ok            403          401    401    401   401      401     ok      401
            # Anyone reads a published profile, with credentials or without.
            GET /v1/public/agents/{publicSlug}                                  | -             | 200     | ok      ok            ok           ok     ok     ok    ok       ok      ok      ok
            # Humans
            GET /v1/human/me                                                    | -             | 200     | 401     401           403          ok     ok     ok    ok       ok      401     401
            GET /v1/human/feed                                                  | -             | 200     | 401     401           403          ok     ok     ok    ok       ok      401     401
            GET /v1/human/sessions/{session}/timeline                           | -             | 200     | 401     401           403          ok     ok     ok    404      404     401     401
            GET /v1/human/sessions/{session}/attachments                        | -             | 200     | 401     401           403          ok     ok     ok    404      404     401     401
            GET /v1/human/sessions/{session}/attachments/{attachment}           | -             | 200     | 401     401           403          ok     ok     ok    404      404     401     401
            POST /v1/human/sessions/{session}/messages                          | message       | 201     | 401     401           403          ok     403    ok    404      404     401     401
            POST /v1/human/sessions/{session}/messages/{question}/respond       | response      | 201     | 401     401           403          ok     403    ok    404      404     401     401
            # Joining takes a human of the space with the token; someone who takes part already: 409.
            POST /v1/human/sessions/{session}/join                              | joinToken     | 201     | 401     401           403          409    409    409   ok       404     401     401
            POST /v1/human/sessions/{session}/typing                            | typing        | 202     | 401     401           403          ok     ok     ok    404      404     401     401
            GET /v1/human/sessions/{session}/typing                             | stream        | 200     | 401     401           403          ok     ok     ok    404      404     401     401
            GET /v1/human/stream                                                | stream        | 200     | 401     401           403          ok     ok     ok    ok       ok      401     401
            GET /v1/human/ws                                                    | -             | 400     | 401     401           403          ok     ok     ok    ok       ok      401     401
            # Public guest routes take no credential: each request acts as a new guest, the guest token decides. Without
            # the X-Guest-Token header the preview is 400 for everyone; a valid token admits anyone as a new guest.
            GET /v1/public/spaces/{spaceA}/sessions/{session}                   | -             | 200     | 400     400           400          400    400    400   400      400     400     400
            POST /v1/public/spaces/{spaceA}/sessions/{session}/join             | guestJoin     | 201     | ok      ok            ok           ok     ok     ok    ok       ok      ok      ok
            # Any human of the space may invoke an agent's command; only the one who invoked may cancel.
            POST /v1/human/invocations                                          | invoke        | 201     | 401     401           403          ok     ok     ok    ok       404     401     401
            POST /v1/human/invocations/{pendingInvocation}/cancel               | -             | 200     | 401     401           403          ok     404    404   404      404     401     401
            # Provisioning
            POST /v1/provision/agents                                           | newAgent      | 201     | 403     403           ok           403    403    403   403      403     403     401
            DELETE /v1/provision/agents/{spareAgent}/keys/{spareKey}            | -             | 204     | 403     403           ok           403    403    403   403      403     403     401
            # Admin: the space owner only
            POST /v1/admin/webhooks                                             | webhook       | 201     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/webhooks                                              | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/webhooks/{webhook}                                    | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            PATCH /v1/admin/webhooks/{webhook}                                  | enable        | 200     | ok      403           403          403    403    403   403      403     403     401
            DELETE /v1/admin/webhooks/{removableWebhook}                        | -             | 204     | ok      403           403          403    403    403   403      403     403     401
            POST /v1/admin/webhooks/{webhook}/rotate-secret                     | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            POST /v1/admin/webhooks/{webhook}/recover                           | since         | 202     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/webhooks/{webhook}/deliveries                         | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/webhooks/{webhook}/stats                              | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/parked-events                                         | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            # A healthy system parks nothing: the owner is told the letter does not exist, anyone else 403.
            POST /v1/admin/parked-events/{letter}/retry                         | -             | 202     | 404     403           403          403    403    403   403      403     403     401
            DELETE /v1/admin/parked-events/{letter}                             | -             | 204     | 404     403           403          403    403    403   403      403     403     401
            GET /v1/admin/projections                                           | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            POST /v1/admin/projections/{view}/rebuild                           | -             | 202     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/sessions/{session}/history                            | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/sessions/{session}/events                             | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/sessions/{session}/authority?userId=alice             | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/sessions/{session}/verify                             | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/sessions/{session}/export                             | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            POST /v1/admin/sessions/{shreddable}/shred                          | confirm       | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/log/checkpoint                                        | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/log/verifier-key                                      | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/log/proof/inclusion?eventId={eventId}                 | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            GET /v1/admin/log/proof/consistency?first=1&second=2                | -             | 200     | ok      403           403          403    403    403   403      403     403     401
            """;

    /** One route: what is sent, the statuses that mean it was done, and what each credential gets. */
    record Row(String method, String path, String body, Set<Integer> success, Map<Credential, Integer> expected) {
        /** The answer a credential expects: {@code null} for the route's success. */
        Integer refusalFor(Credential credential) {
            return expected.get(credential);
        }

        String route() {
            return method + " " + path;
        }
    }

    private AuthorizationMatrix() {}

    static List<Row> rows() {
        List<String> lines = TABLE.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        List<Credential> columns = Arrays.stream(cells(lines.get(0))[3].split("\\s+"))
                .map(Credential::valueOf)
                .toList();
        if (!columns.equals(List.of(Credential.values()))) {
            throw new IllegalStateException("The table's columns are not every credential in order: " + columns);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = cells(line);
            String[] route = cells[0].split("\\s+");
            String[] answers = cells[3].split("\\s+");
            if (answers.length != columns.size() || !BODIES.containsKey(cells[1])) {
                throw new IllegalStateException("Malformed row: " + line);
            }
            Map<Credential, Integer> expected = new EnumMap<>(Credential.class);
            for (int i = 0; i < answers.length; i++) {
                expected.put(columns.get(i), answers[i].equals("ok") ? null : Integer.valueOf(answers[i]));
            }
            rows.add(new Row(
                    route[0],
                    route[1],
                    BODIES.get(cells[1]),
                    Arrays.stream(cells[2].split("/")).map(Integer::valueOf).collect(Collectors.toSet()),
                    expected));
        }
        return rows;
    }

    private static String[] cells(String line) {
        String[] cells = line.split("\\|");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }
}
