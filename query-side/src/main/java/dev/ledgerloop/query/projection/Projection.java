package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * A view of the query side: the event handlers of one processing group and the MongoDB collections they alone write.
 * Besides the live instance (a Spring bean fed by its processor), the same handlers can be instantiated on another
 * database, so that point-in-time history and rebuilds fold events through the very code that builds the live views.
 */
public interface Projection {
    /** The processing group, which is also the view's name in the admin API. */
    String name();

    /** The collections this projection writes, and nothing else writes. */
    List<String> collections();

    /**
     * A new instance of this projection's handlers writing to {@code database}, with no effect outside it: no waiting
     * client is woken, nothing is sent.
     */
    Object writingTo(MongoDatabase database);

    /**
     * The interceptors its live processor's batches run through, which a rebuild's chunks run through too; none by
     * default.
     */
    default List<MessageHandlerInterceptor<EventMessage<?>>> batchInterceptors() {
        return List.of();
    }
}
