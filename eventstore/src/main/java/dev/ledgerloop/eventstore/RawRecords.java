package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.RecordedEvent;
import java.util.List;

/**
 * A page of {@code $all} as stored, not decoded: the aggregate events' records (EventStoreDB's own skipped), {@code
 * last} the position the next page starts after (a skipped event's too), and whether the page was full so that more
 * may follow at once.
 */
public record RawRecords(List<RecordedEvent> records, EventStoreDbPositionToken last, boolean full) {}
