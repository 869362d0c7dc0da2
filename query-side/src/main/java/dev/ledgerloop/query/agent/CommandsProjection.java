package dev.ledgerloop.query.agent;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import dev.ledgerloop.events.agent.CommandsRegistered;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code commands} view: one document per agent holding its registered commands. Schemas are kept as JSON text,
 * since their keys ({@code $ref}, {@code $defs}, dotted property names) are not all valid MongoDB field names.
 */
@Component
@ProcessingGroup(CommandsProjection.GROUP)
class CommandsProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "commands";
    static final String COLLECTION = "commands";

    private final MongoCollection<Document> commands;

    CommandsProjection(MongoDatabase database) {
        this.commands = database.getCollection(COLLECTION);
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new CommandsProjection(database);
    }

    @EventHandler
    void on(CommandsRegistered event, MetaData metaData, @SequenceNumber long sequence) {
        List<Document> registered = event.commands().stream()
                .map(command -> new Document("name", command.name())
                        .append("description", command.description())
                        .append("parameters", command.parameters().toString()))
                .toList();
        try {
            // Upserts whether or not an earlier agent event made the document; an older event matches nothing.
            commands.updateOne(
                    and(eq("_id", event.agentId().toString()), lt(GuardedWrites.VERSION, sequence)),
                    combine(
                            set("spaceId", EventContext.spaceId(metaData).toString()),
                            set("commands", registered),
                            set(GuardedWrites.VERSION, sequence)),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // The document is at this event or past it already.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
