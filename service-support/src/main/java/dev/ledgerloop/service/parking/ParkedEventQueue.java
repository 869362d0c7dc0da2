package dev.ledgerloop.service.parking;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static dev.ledgerloop.service.parking.ParkedEventFields.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One processing group's dead letters in the shared {@code parked_events} collection, with the semantics of Axon's
 * {@code InMemorySequencedDeadLetterQueue}: letters of a sequence (an aggregate) are kept in insertion order, and
 * {@link #process} claims the unclaimed sequence touched longest ago and walks it until a letter fails again. The
 * claim is a time-limited mark on the sequence's letters set with {@code findOneAndUpdate}, so two instances never
 * process one sequence at once and a crashed instance's claim runs out.
 */
final class ParkedEventQueue implements SequencedDeadLetterQueue<EventMessage<?>> {
    private final String processor;
    private final MongoCollection<Document> letters;
    private final ParkedLetters conversion;
    private final Clock clock;
    private final ParkingLimits limits;

    ParkedEventQueue(
            String processor,
            MongoCollection<Document> letters,
            ParkedLetters conversion,
            Clock clock,
            ParkingLimits limits) {
        this.processor = processor;
        this.letters = letters;
        this.conversion = conversion;
        this.clock = clock;
        this.limits = limits;
    }

    /** Axon's in-memory queue's rule: a String is the identifier, anything else its hash code. */
    static String sequenceOf(Object sequenceIdentifier) {
        return sequenceIdentifier instanceof String text ? text : Integer.toString(sequenceIdentifier.hashCode());
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        String sequence = sequenceOf(sequenceIdentifier);
        if (isFull(sequence)) {
            throw new DeadLetterQueueOverflowException(sequenceIdentifier);
        }
        Document last = letters.find(ofSequence(sequence))
                .sort(Sorts.descending(INDEX))
                .limit(1)
                .first();
        long index = last == null ? 0 : last.get(INDEX, Number.class).longValue() + 1;
        letters.insertOne(conversion.toDocument(processor, sequence, index, letter));
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof ParkedLetter parked) {
            letters.deleteOne(and(eq(ID, parked.id()), eq(PROCESSOR, processor)));
        }
    }

    /** Updates the letter and puts it first in its sequence, as Axon's queues do. */
    @Override
    public void requeue(
            DeadLetter<? extends EventMessage<?>> letter,
            UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        Document stored = letter instanceof ParkedLetter parked
                ? letters.find(and(eq(ID, parked.id()), eq(PROCESSOR, processor)))
                        .first()
                : null;
        if (stored == null) {
            throw new NoSuchDeadLetterException(
                    "Cannot requeue [" + letter.message().getIdentifier() + "]: it is not in this queue");
        }
        Document changes = ParkedLetters.requeuedFields(letterUpdater.apply(letter.markTouched()));
        Document head = headOf(stored.getString(SEQUENCE));
        if (head != null && !head.getObjectId(ID).equals(stored.getObjectId(ID))) {
            changes.append(INDEX, head.get(INDEX, Number.class).longValue() - 1);
        }
        letters.updateOne(eq(ID, stored.getObjectId(ID)), new Document("$set", changes));
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return letters.find(ofSequence(sequenceOf(sequenceIdentifier)))
                        .projection(new Document(ID, 1))
                        .limit(1)
                        .first()
                != null;
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        List<DeadLetter<? extends EventMessage<?>>> sequence = new ArrayList<>();
        letters.find(ofSequence(sequenceOf(sequenceIdentifier)))
                .sort(Sorts.ascending(INDEX))
                .forEach(document -> sequence.add(conversion.toLetter(document)));
        return sequence;
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        Map<String, List<DeadLetter<? extends EventMessage<?>>>> sequences = new LinkedHashMap<>();
        letters.find(eq(PROCESSOR, processor))
                .sort(Sorts.ascending(SEQUENCE, INDEX))
                .forEach(document -> sequences
                        .computeIfAbsent(document.getString(SEQUENCE), key -> new ArrayList<>())
                        .add(conversion.toLetter(document)));
        return new ArrayList<>(sequences.values());
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        String sequence = sequenceOf(sequenceIdentifier);
        long inSequence = sequenceSize(sequence);
        return inSequence > 0 ? inSequence >= limits.maxSequenceSize() : amountOfSequences() >= limits.maxSequences();
    }

    @Override
    public long size() {
        return letters.countDocuments(eq(PROCESSOR, processor));
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return letters.countDocuments(ofSequence(sequenceOf(sequenceIdentifier)));
    }

    @Override
    public long amountOfSequences() {
        long sequences = 0;
        for (String ignored : letters.distinct(SEQUENCE, eq(PROCESSOR, processor), String.class)) {
            sequences++;
        }
        return sequences;
    }

    @Override
    public boolean process(
            Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
            Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        for (Document head : unclaimedHeadsTouchedLongestAgo()) {
            if (sequenceFilter.test(conversion.toLetter(head)) && claim(head)) {
                String sequence = head.getString(SEQUENCE);
                try {
                    return processClaimed(sequence, processingTask);
                } finally {
                    letters.updateMany(ofSequence(sequence), Updates.set(CLAIMED_UNTIL, null));
                }
            }
        }
        return false;
    }

    @Override
    public void clear() {
        letters.deleteMany(eq(PROCESSOR, processor));
    }

    private boolean processClaimed(
            String sequence,
            Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        Document head = headOf(sequence);
        while (head != null) {
            ParkedLetter letter = conversion.toLetter(head);
            EnqueueDecision<EventMessage<?>> decision = processingTask.apply(letter);
            if (decision.shouldEnqueue()) {
                requeue(letter, touched -> decision.withDiagnostics(touched)
                        .withCause(decision.enqueueCause().orElse(null)));
                return false;
            }
            evict(letter);
            letters.updateMany(ofSequence(sequence), Updates.set(CLAIMED_UNTIL, claimExpiry()));
            head = headOf(sequence);
        }
        return true;
    }

    /** Claims the sequence through its first letter, then marks the rest, which only a claimant walks. */
    private boolean claim(Document head) {
        Date now = Date.from(clock.instant());
        Document claimed = letters.findOneAndUpdate(
                and(eq(ID, head.getObjectId(ID)), or(eq(CLAIMED_UNTIL, null), lte(CLAIMED_UNTIL, now))),
                Updates.set(CLAIMED_UNTIL, claimExpiry()));
        if (claimed == null) {
            return false;
        }
        letters.updateMany(ofSequence(head.getString(SEQUENCE)), Updates.set(CLAIMED_UNTIL, claimExpiry()));
        return true;
    }

    private Date claimExpiry() {
        return Date.from(clock.instant().plus(limits.claimDuration()));
    }

    private List<Document> unclaimedHeadsTouchedLongestAgo() {
        Instant now = clock.instant();
        Map<String, Document> heads = new LinkedHashMap<>();
        letters.find(eq(PROCESSOR, processor))
                .sort(Sorts.ascending(SEQUENCE, INDEX))
                .forEach(document -> heads.putIfAbsent(document.getString(SEQUENCE), document));
        List<Document> unclaimed = new ArrayList<>();
        for (Document head : heads.values()) {
            Date claimedUntil = head.getDate(CLAIMED_UNTIL);
            if (claimedUntil == null || !claimedUntil.toInstant().isAfter(now)) {
                unclaimed.add(head);
            }
        }
        unclaimed.sort(Comparator.comparing(head -> head.getDate(LAST_TOUCHED)));
        return unclaimed;
    }

    private Document headOf(String sequence) {
        return letters.find(ofSequence(sequence))
                .sort(Sorts.ascending(INDEX))
                .limit(1)
                .first();
    }

    private Bson ofSequence(String sequence) {
        return and(eq(PROCESSOR, processor), eq(SEQUENCE, sequence));
    }

    /** Bounds of one processor's queue and how long a claim on a sequence lasts without progress. */
    record ParkingLimits(int maxSequences, int maxSequenceSize, Duration claimDuration) {
        static final ParkingLimits DEFAULT = new ParkingLimits(1024, 1024, Duration.ofMinutes(1));
    }
}
