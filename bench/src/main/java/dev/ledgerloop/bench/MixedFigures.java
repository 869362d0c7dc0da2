package dev.ledgerloop.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one run of the {@link MixedLoad} measured. */
final class MixedFigures {
    final RequestStats send = new RequestStats("send");
    final RequestStats answer = new RequestStats("answer");
    final RequestStats await = new RequestStats("await");
    final RequestStats acknowledge = new RequestStats("acknowledge");
    final AtomicLong questions = new AtomicLong();
    private final Histogram answerToAwait = new ConcurrentHistogram(3);
    private final AtomicLong awaitsBeforeAnswer = new AtomicLong();
    private int sendingSeconds;
    private double seconds;

    /**
     * The delay from the moment the answering client received the answer's 201 to the moment the waiting agent's
     * await returned with it; an await that returned first counts as 0.
     */
    void answerToAwait(long delayNanos) {
        if (delayNanos < 0) {
            awaitsBeforeAnswer.incrementAndGet();
        }
        answerToAwait.recordValue(Math.max(0, delayNanos));
    }

    void ran(int sendingSeconds, double seconds) {
        this.sendingSeconds = sendingSeconds;
        this.seconds = seconds;
    }

    void print() {
        System.out.printf(
                "sends for %d s, then %.1f s until every question asked was answered, awaited and acknowledged;"
                        + " requests/s over all %.1f s:%n",
                sendingSeconds, seconds - sendingSeconds, seconds);
        System.out.printf("  %s (%,d of them questions)%n", send.summary(seconds), questions.get());
        System.out.printf("  %s%n", answer.summary(seconds));
        System.out.printf(
                "  %s (a long-poll from the question's 201: the human's think time, the answer, the wake-up)%n",
                await.summary(seconds));
        System.out.printf("  %s%n", acknowledge.summary(seconds));
        System.out.printf(
                "answer's 201 -> await returns (%,d answers): p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 <= 5"
                        + " ms); %,d awaits returned before their answer's 201 reached the human's client (counted as"
                        + " 0)%n",
                answerToAwait.getTotalCount(),
                answerToAwait.getValueAtPercentile(50) / 1e6,
                answerToAwait.getValueAtPercentile(99) / 1e6,
                answerToAwait.getMaxValue() / 1e6,
                awaitsBeforeAnswer.get());
    }
}
