package dev.ledgerloop.examples.approval;

import dev.ledgerloop.sdk.LedgerloopClient;
import dev.ledgerloop.sdk.LedgerloopException;
import dev.ledgerloop.sdk.Message;
import dev.ledgerloop.sdk.NewMessage;
import dev.ledgerloop.sdk.Priority;
import dev.ledgerloop.sdk.Response;
import dev.ledgerloop.sdk.Session;
import dev.ledgerloop.sdk.components.Button;
import dev.ledgerloop.sdk.components.Components;
import dev.ledgerloop.sdk.components.FormField;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An agent that asks one human for an approval and prints the decision. Opens a session, adds the human, sends a
 * question with a summary, buttons and a form, prints the session id, waits (surviving restarts of the server) and
 * prints what the human decided.
 *
 * <pre>
 * java -jar examples/approval-agent/target/approval-agent.jar --api-key hlp_... --user alice
 *     [--url http://localhost:8080] [--agent-name approval-agent] [--wait PT1H]
 * </pre>
 *
 * Exit status: 0 with a decision, 2 when the wait ended without one, 1 on an error.
 */
public final class ApprovalAgent {
    private ApprovalAgent() {}

    /** Runs the agent; see the class comment for the arguments. */
    public static void main(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(1);
            return;
        }
        try {
            System.exit(run(arguments));
        } catch (LedgerloopException e) {
            System.err.println("Ledgerloop answered " + e.status() + " " + e.code() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(Arguments arguments) {
        LedgerloopClient client = LedgerloopClient.builder()
                .baseUrl(arguments.url())
                .apiKey(arguments.apiKey())
                .agentName(arguments.agentName())
                .build();

        Session session = client.createSession("Approval: deploy billing v2.3");
        client.addParticipant(session.id(), arguments.user(), "member");
        System.out.println("session " + session.id());
        if (!waitForKey(client, session.id(), arguments.user(), arguments.waitFor())) {
            System.out.println(arguments.user() + " registered no key in time (open the inbox once to make one)");
            return 2;
        }
        Message question = client.send(
                session.id(),
                NewMessage.text("May I deploy **billing v2.3** to production?")
                        .components(
                                Components.header("Deploy billing v2.3"),
                                Components.kv(
                                        Map.entry("Service", "billing"),
                                        Map.entry("Version", "2.3.0"),
                                        Map.entry("Region", "eu-west-1")),
                                Components.form(
                                        "Schedule",
                                        FormField.select(
                                                        "window",
                                                        "Window",
                                                        Map.entry("Now", "now"),
                                                        Map.entry("Tonight", "tonight"))
                                                .required(),
                                        FormField.number("canaryPercent", "Canary %"),
                                        FormField.text("note", "Note"),
                                        FormField.checkbox("notifyOnCall", "Notify on-call")),
                                Components.buttonGroup(
                                        Button.of("Approve", "approve", "primary"),
                                        Button.of("Reject", "reject", "danger")))
                        .askingForResponse()
                        .priority(Priority.HIGH));

        System.out.println("waiting up to " + arguments.waitFor() + " for " + arguments.user() + " ...");
        Optional<Response> answer = client.awaitResponse(session.id(), question.id(), arguments.waitFor());
        if (answer.isEmpty()) {
            System.out.println("no decision before the deadline");
            return 2;
        }
        Response response = answer.get();
        System.out.println("decision " + response.action() + " by " + response.userId());
        if (!response.values().isEmpty()) {
            System.out.println("values " + response.values());
        }
        if (response.isSigned()) {
            System.out.println("signed (verified) with key "
                    + response.signature().keyId() + ": " + response.signature().decision());
        }
        client.acknowledge(session.id());
        return 0;
    }

    /**
     * Content is sealed only for keys registered when it is sent: waits until the human's inbox has registered theirs
     * (the inbox does that at sign-in).
     */
    private static boolean waitForKey(LedgerloopClient client, String sessionId, String user, Duration waitFor) {
        long end = System.nanoTime() + waitFor.toNanos();
        boolean told = false;
        while (System.nanoTime() < end) {
            boolean ready;
            try {
                ready = client.recipients(sessionId).stream()
                        .anyMatch(recipient -> user.equals(recipient.id()) && recipient.hasKey());
            } catch (LedgerloopException e) {
                if (e.status() != 404) {
                    throw e;
                }
                ready = false; // the session has not reached the read views yet
            }
            if (ready) {
                return true;
            }
            if (!told) {
                System.out.println("waiting for " + user + " to open the inbox (their key is not registered yet) ...");
                told = true;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The command line. */
    record Arguments(String url, String apiKey, String user, String agentName, Duration waitFor) {
        static final String USAGE = "usage: approval-agent --api-key hlp_... --user <userId>"
                + " [--url http://localhost:8080] [--agent-name approval-agent] [--wait PT1H]";

        static Arguments parse(String[] args) {
            String url = "http://localhost:8080";
            String apiKey = System.getenv("LEDGERLOOP_API_KEY");
            String user = null;
            String agentName = "approval-agent";
            Duration wait = Duration.ofHours(1);
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--url" -> url = value;
                    case "--api-key" -> apiKey = value;
                    case "--user" -> user = value;
                    case "--agent-name" -> agentName = value;
                    case "--wait" -> wait = Duration.parse(value);
                    default -> throw new IllegalArgumentException("Unknown argument " + name);
                }
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("--api-key (or LEDGERLOOP_API_KEY) is required");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("--user is required");
            }
            return new Arguments(url, apiKey, user, agentName, wait);
        }
    }
}
