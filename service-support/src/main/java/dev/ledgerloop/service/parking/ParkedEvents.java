package dev.ledgerloop.service.parking;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static dev.ledgerloop.service.parking.ParkedEventFields.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.service.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The {@code parked_events} collection as operators see it, for every processor of both backends: list, ask for a
 * retry, evict, count. Retries are requests: the backend that runs the letter's processor picks them up ({@link
 * ParkedEventRetries}), since only it has the handlers.
 */
public final class ParkedEvents {
    private final MongoCollection<Document> letters;
    private final Clock clock;

    public ParkedEvents(MongoDatabase database, Clock clock) {
        this.letters = database.getCollection(COLLECTION);
        this.clock = clock;
        letters.createIndex(Indexes.ascending(PROCESSOR, SEQUENCE, INDEX));
    }

    MongoCollection<Document> collection() {
        return letters;
    }

    public record Page(List<ParkedEventView> data, boolean hasMore) {}

    /**
     * The space's newest letters first, at most {@code limit}, older than the letter {@code before} when given. A
     * letter whose event names no readable space is every space's: it reveals a stream name and a type, never
     * content, and someone must be able to clear it.
     */
    public Page list(String spaceId, int limit, String before) {
        Bson filter = before == null ? ofSpace(spaceId) : and(ofSpace(spaceId), lt(ID, idOf(before, "before")));
        List<ParkedEventView> data = new ArrayList<>();
        letters.find(filter)
                .sort(Sorts.descending(ID))
                .limit(limit + 1)
                .forEach(document -> data.add(ParkedEventView.of(document)));
        boolean hasMore = data.size() > limit;
        return new Page(hasMore ? data.subList(0, limit) : data, hasMore);
    }

    /** Marks the letter's whole sequence for a retry by its processor; answers the letter. */
    public ParkedEventView requestRetry(String spaceId, String id) {
        Document letter = existing(spaceId, id);
        letters.updateMany(sequenceOf(letter), Updates.set(RETRY_REQUESTED_AT, Date.from(clock.instant())));
        return ParkedEventView.of(letter);
    }

    /**
     * Removes the letter for good; the letters that waited behind it in its sequence are then retried, so that the
     * aggregate's later events apply.
     */
    public void evict(String spaceId, String id) {
        Document letter = existing(spaceId, id);
        if (letters.deleteOne(eq(ID, letter.getObjectId(ID))).getDeletedCount() == 0) {
            throw notFound(id);
        }
        letters.updateMany(sequenceOf(letter), Updates.set(RETRY_REQUESTED_AT, Date.from(clock.instant())));
    }

    /** Parked events per processor, every one of {@code processors} included (0 when none). */
    public SortedMap<String, Long> countsByProcessor(Collection<String> processors) {
        SortedMap<String, Long> counts = new TreeMap<>();
        processors.forEach(processor -> counts.put(processor, count(processor)));
        return counts;
    }

    long count(String processor) {
        return letters.countDocuments(eq(PROCESSOR, processor));
    }

    /** The aggregates (Axon's sequence identifiers) of which {@code processor} has parked events. */
    public Set<String> parkedSequences(String processor) {
        Set<String> sequences = new LinkedHashSet<>();
        letters.find(eq(PROCESSOR, processor))
                .projection(Projections.include(SEQUENCE))
                .forEach(document -> sequences.add(document.getString(SEQUENCE)));
        return sequences;
    }

    /** Whether {@code processor} has the event with id {@code eventId} parked. */
    public boolean isParked(String processor, String eventId) {
        return letters.countDocuments(and(eq(PROCESSOR, processor), eq(EVENT_ID, eventId))) > 0;
    }

    /** The sequences of these processors that someone asked to retry. */
    Set<SequenceKey> retryRequests(Collection<String> processors) {
        Set<SequenceKey> requested = new LinkedHashSet<>();
        letters.find(and(in(PROCESSOR, processors), ne(RETRY_REQUESTED_AT, null)))
                .projection(Projections.include(PROCESSOR, SEQUENCE))
                .forEach(document ->
                        requested.add(new SequenceKey(document.getString(PROCESSOR), document.getString(SEQUENCE))));
        return requested;
    }

    void takeRetryRequest(SequenceKey key) {
        letters.updateMany(
                and(eq(PROCESSOR, key.processor()), eq(SEQUENCE, key.sequence())),
                Updates.set(RETRY_REQUESTED_AT, null));
    }

    record SequenceKey(String processor, String sequence) {}

    private Document existing(String spaceId, String id) {
        Document letter =
                letters.find(and(eq(ID, idOf(id, "id")), ofSpace(spaceId))).first();
        if (letter == null) {
            throw notFound(id);
        }
        return letter;
    }

    private static Bson ofSpace(String spaceId) {
        return in(SPACE, spaceId, null);
    }

    private static Bson sequenceOf(Document letter) {
        return and(eq(PROCESSOR, letter.getString(PROCESSOR)), eq(SEQUENCE, letter.getString(SEQUENCE)));
    }

    private static ObjectId idOf(String id, String name) {
        if (id == null || !ObjectId.isValid(id)) {
            throw ApiException.validation("'" + name + "' must be a parked event id (24 hex digits)");
        }
        return new ObjectId(id);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Parked event " + id + " not found");
    }
}
