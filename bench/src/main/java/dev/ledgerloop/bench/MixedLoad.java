package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.SampleEnvelopes.envelope;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client side of the mixed load: client threads that each have one request at a time in flight, and the agent's
 * long-polls next to them. A thread answers a question that is due (as the human), acknowledges an answer the agent's
 * await returned (as the agent), or else sends the agent's next message, to the sessions in turn; one send in {@value
 * #QUESTION_EVERY}, at random, asks the human for a decision when that session has no question open. Right after a
 * question's 201 the agent awaits its answer ({@code GET .../await}, not one of the threads' requests), and the
 * question becomes due for the human a think time later, as a person answers after reading: by then the await usually
 * waits already. A session whose question, answer, await or acknowledgement answered an error takes no further
 * questions; a request that got no answer at all ends the run with that failure.
 */
final class MixedLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUESTION_EVERY = 4;
    private static final int AWAIT_TIMEOUT_MILLIS = 60_000;
    /** The HTTP client's own bound on an await: past the server's timeout and the gateway's. */
    private static final Duration AWAIT_REQUEST_TIMEOUT = Duration.ofMillis(AWAIT_TIMEOUT_MILLIS + 30_000);
    /** How long the questions still open when the sends stop may take to be answered, awaited and acknowledged. */
    private static final long DRAIN_BOUND_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final GatewayClient agent;
    private final GatewayClient human;
    private final List<Conversation> conversations = new ArrayList<>();
    private final long thinkNanos;
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final AtomicLong sends = new AtomicLong();
    private final AtomicInteger openQuestions = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile MixedFigures figures;

    /** The sessions must have the human as a participant. */
    MixedLoad(GatewayClient agent, GatewayClient human, List<String> sessions, Duration think) {
        this.agent = agent;
        this.human = human;
        sessions.forEach(id -> conversations.add(new Conversation(id)));
        this.thinkNanos = think.toNanos();
    }

    /**
     * Runs the load with {@code threads} client threads for {@code seconds}, then until every question asked is
     * closed; what it measured.
     */
    MixedFigures run(int seconds, int threads) throws Exception {
        MixedFigures measured = new MixedFigures();
        figures = measured;
        long started = System.nanoTime();
        long sendUntil = started + TimeUnit.SECONDS.toNanos(seconds);
        long drainUntil = sendUntil + DRAIN_BOUND_NANOS;
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread client = new Thread(() -> work(sendUntil, drainUntil), "mixed-load-" + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainUntil - System.nanoTime()) + 60_000));
            if (client.isAlive()) {
                throw new IllegalStateException(client.getName() + " did not stop");
            }
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("The mixed load failed", failed);
        }
        measured.ran(seconds, (System.nanoTime() - started) / 1e9);
        return measured;
    }

    /** Sessions that take no more questions after an error. */
    long sessionsOutOfTheCycle() {
        return conversations.stream()
                .filter(conversation -> conversation.broken)
                .count();
    }

    private void work(long sendUntil, long drainUntil) {
        try {
            while (failure.get() == null) {
                long now = System.nanoTime();
                boolean sending = now < sendUntil;
                Due task = sending ? due.poll() : due.poll(10, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.action.run();
                } else if (sending) {
                    send();
                } else if (openQuestions.get() == 0) {
                    return;
                } else if (now > drainUntil) {
                    throw new IllegalStateException(openQuestions.get() + " questions were still open "
                            + TimeUnit.NANOSECONDS.toSeconds(DRAIN_BOUND_NANOS) + " s after the sends stopped");
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private void send() throws Exception {
        Conversation conversation = conversations.get((int) (sends.getAndIncrement() % conversations.size()));
        boolean question = ThreadLocalRandom.current().nextInt(QUESTION_EVERY) == 0
                && !conversation.broken
                && conversation.asking.compareAndSet(false, true);
        Answered sent = recorded(
                figures.send,
                201,
                () -> agent.post(
                        "/v1/agent/sessions/" + conversation.id + "/messages",
                        "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":" + question + "}"));
        if (sent == null) {
            if (question) {
                conversation.asking.set(false);
            }
            return;
        }
        if (question) {
            figures.questions.incrementAndGet();
            openQuestions.incrementAndGet();
            Question asked = new Question(
                    conversation,
                    JSON.readTree(sent.response().body()).get("id").asText());
            await(asked);
            due.add(new Due(System.nanoTime() + thinkNanos, () -> answer(asked)));
        }
    }

    private void await(Question question) {
        long sent = System.nanoTime();
        agent.getAsync(
                        "/v1/agent/sessions/" + question.conversation.id + "/await?timeoutMs=" + AWAIT_TIMEOUT_MILLIS,
                        AWAIT_REQUEST_TIMEOUT)
                .whenComplete((response, error) -> {
                    long returned = System.nanoTime();
                    try {
                        if (error != null) {
                            throw error;
                        }
                        awaitReturned(question, sent, returned, response);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    private void awaitReturned(Question question, long sent, long returned, HttpResponse<String> response)
            throws Exception {
        if (response.statusCode() == 204) {
            figures.await.noContent();
            if (!question.conversation.broken) {
                await(question);
            }
            return;
        }
        if (response.statusCode() != 200) {
            figures.await.error(response);
            giveUp(question);
            return;
        }
        String answered = JSON.readTree(response.body()).path("messageId").asText();
        if (!answered.equals(question.messageId)) {
            figures.await.error("The await returned the answer to " + answered + ", not to " + question.messageId);
            giveUp(question);
            return;
        }
        figures.await.answered(sent, returned);
        question.awaitReturned(returned);
        due.add(new Due(System.nanoTime(), () -> acknowledge(question)));
    }

    private void answer(Question question) throws Exception {
        if (question.conversation.broken) {
            return;
        }
        Answered answered = recorded(
                figures.answer,
                201,
                () -> human.post(
                        "/v1/human/sessions/" + question.conversation.id + "/messages/" + question.messageId
                                + "/respond",
                        "{\"encryptedResponse\":" + envelope() + "}"));
        if (answered == null) {
            giveUp(question);
        } else {
            question.answered(answered.at());
        }
    }

    private void acknowledge(Question question) throws Exception {
        Answered acknowledged = recorded(
                figures.acknowledge,
                200,
                () -> agent.send("POST", "/v1/agent/sessions/" + question.conversation.id + "/acknowledge", null));
        if (acknowledged == null) {
            giveUp(question);
        } else if (question.close()) {
            question.conversation.asking.set(false);
        }
    }

    /**
     * Sends a request and records it in {@code stats}: its latency when it answered {@code expected}, else its error.
     * The answer and when it arrived, or null after an error.
     */
    private static Answered recorded(RequestStats stats, int expected, Request request) throws Exception {
        long sent = System.nanoTime();
        HttpResponse<String> response = request.send();
        long at = System.nanoTime();
        if (response.statusCode() != expected) {
            stats.error(response);
            return null;
        }
        stats.answered(sent, at);
        return new Answered(response, at);
    }

    /** Takes the question's session out of the question cycle. */
    private void giveUp(Question question) {
        question.conversation.broken = true;
        question.close();
    }

    /** A session of the load, and whether a question of the agent is open in it. */
    private static final class Conversation {
        final String id;
        final AtomicBoolean asking = new AtomicBoolean();
        volatile boolean broken;

        Conversation(String id) {
            this.id = id;
        }
    }

    /** A question of the agent, open until its answer is acknowledged or an error ends it. */
    private final class Question {
        final Conversation conversation;
        final String messageId;
        private final AtomicBoolean closed = new AtomicBoolean();
        private Long answeredAt;
        private Long awaitReturnedAt;

        Question(Conversation conversation, String messageId) {
            this.conversation = conversation;
            this.messageId = messageId;
        }

        /** When the human's client had the answer's 201. */
        synchronized void answered(long at) {
            answeredAt = at;
            if (awaitReturnedAt != null) {
                figures.answerToAwait(awaitReturnedAt - answeredAt);
            }
        }

        /** When the agent's await returned with the answer. */
        synchronized void awaitReturned(long at) {
            awaitReturnedAt = at;
            if (answeredAt != null) {
                figures.answerToAwait(awaitReturnedAt - answeredAt);
            }
        }

        /** True the first time only: the question is no longer open. */
        boolean close() {
            if (closed.compareAndSet(false, true)) {
                openQuestions.decrementAndGet();
                return true;
            }
            return false;
        }
    }

    /** Work for a client thread, due at a moment of {@link System#nanoTime}. */
    private record Due(long at, Action action) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(at, ((Due) other).at);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private record Answered(HttpResponse<String> response, long at) {}
}
