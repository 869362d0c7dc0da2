package dev.ledgerloop.standalone.crash;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;

import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client threads under mixed load until stopped: agents open sessions, add a human, send messages and questions
 * (some with a deadline a few seconds out); the human sends messages and answers questions. Every 2xx goes into the
 * {@link Ledger}; a request without a definite answer (the system died under it) is recorded as in doubt where that
 * matters, otherwise forgotten.
 */
final class MixedLoad {
    static final String HUMAN = "alice";

    private final Api agent;
    private final Api human;
    private final Ledger ledger;
    private final List<Thread> clients = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();

    MixedLoad(Api agent, Api human, Ledger ledger) {
        this.agent = agent;
        this.human = human;
        this.ledger = ledger;
    }

    void start(int threads, long seed) {
        for (int i = 0; i < threads; i++) {
            Random random = new Random(seed + i);
            Thread client = new Thread(() -> run(random), "crash-load-" + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
    }

    /** Writes acknowledged by this load so far. */
    int acknowledged() {
        return acknowledged.get();
    }

    /** Requests that got no answer (connection refused or reset, time-out). */
    int unanswered() {
        return unanswered.get();
    }

    void stop() throws InterruptedException {
        stopped.set(true);
        for (Thread client : clients) {
            client.join(TimeUnit.MINUTES.toMillis(1));
            if (client.isAlive()) {
                throw new IllegalStateException(client.getName() + " did not stop");
            }
        }
    }

    private void run(Random random) {
        List<Ledger.Session> mine = new ArrayList<>();
        while (!stopped.get()) {
            try {
                step(random, mine);
            } catch (Exception e) {
                // The system is gone (killed) or did not answer in time: whatever was sent is in doubt.
                unanswered.incrementAndGet();
            }
        }
    }

    private void step(Random random, List<Ledger.Session> mine) throws Exception {
        if (mine.isEmpty() || random.nextInt(12) == 0) {
            openSession(mine);
            return;
        }
        Ledger.Session session = mine.get(random.nextInt(mine.size()));
        int action = random.nextInt(10);
        if (action < 5 || !session.humanParticipant) {
            agentMessage(random, session);
        } else if (action < 7) {
            Answer sent = human.post(
                    "/v1/human/sessions/" + session.id + "/messages", "{\"encryptedContent\":" + envelope() + "}");
            if (sent.status() == 201) {
                session.messages.add(sent.id());
                acknowledged.incrementAndGet();
            }
        } else {
            answer(session);
        }
    }

    private void openSession(List<Ledger.Session> mine) throws Exception {
        Answer opened = agent.post("/v1/agent/sessions", "{\"encryptedTitle\":" + envelope() + "}");
        if (opened.status() != 201) {
            return;
        }
        Ledger.Session session = ledger.opened(opened.id());
        acknowledged.incrementAndGet();
        mine.add(session);
        Answer added =
                agent.post("/v1/agent/sessions/" + session.id + "/participants", "{\"userId\":\"" + HUMAN + "\"}");
        if (added.status() == 201) {
            session.humanParticipant = true;
        }
    }

    private void agentMessage(Random random, Ledger.Session session) throws Exception {
        int kind = random.nextInt(3);
        boolean question = kind > 0;
        Optional<Instant> deadline = kind == 2
                ? Optional.of(
                        Instant.now().plusMillis(1500 + random.nextInt(3500)).truncatedTo(ChronoUnit.MILLIS))
                : Optional.empty();
        String body = "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":" + question
                + deadline.map(at -> ",\"deadlineAt\":\"" + at + "\"").orElse("") + "}";
        Answer sent = agent.post("/v1/agent/sessions/" + session.id + "/messages", body);
        if (sent.status() == 201) {
            session.messages.add(sent.id());
            if (question) {
                session.questions.put(sent.id(), deadline);
            }
            acknowledged.incrementAndGet();
        }
    }

    private void answer(Ledger.Session session) throws Exception {
        Optional<String> open = session.openQuestion(Instant.now());
        if (open.isEmpty()) {
            return;
        }
        String question = open.get();
        session.answersInDoubt.add(question);
        Answer answered = human.post(
                "/v1/human/sessions/" + session.id + "/messages/" + question + "/respond",
                "{\"encryptedResponse\":" + envelope() + "}");
        if (answered.status() == 201) {
            session.responses.add(answered.id());
            session.answered.add(question);
            session.answersInDoubt.remove(question);
            acknowledged.incrementAndGet();
        } else if (answered.status() == 409) {
            session.closed.add(question);
            session.answersInDoubt.remove(question);
        }
    }
}
