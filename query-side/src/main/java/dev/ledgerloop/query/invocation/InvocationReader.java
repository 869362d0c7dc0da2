package dev.ledgerloop.query.invocation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads the {@code invocations} view for the invoked agent; to anyone else an invocation does not exist (404). */
@Component
class InvocationReader {
    private final MongoCollection<Document> invocations;

    InvocationReader(MongoDatabase database) {
        this.invocations = database.getCollection(InvocationsProjection.COLLECTION);
    }

    InvocationView get(Principal agent, UUID invocationId) {
        Document found = invocations
                .find(and(eq("_id", invocationId.toString()), invokedAgent(agent)))
                .first();
        if (found == null) {
            throw ApiException.notFound("Invocation " + invocationId + " not found");
        }
        return InvocationView.of(found);
    }

    /** Oldest first, so that an agent polling pending invocations works through them in order. */
    Page<InvocationView> list(Principal agent, String status, PageRequest page) {
        Bson filter = status == null ? invokedAgent(agent) : and(invokedAgent(agent), eq("status", status));
        List<InvocationView> data = new ArrayList<>();
        invocations
                .find(filter)
                .sort(Sorts.orderBy(Sorts.ascending("createdAt"), Sorts.ascending("_id")))
                .skip(page.skip())
                .limit(page.pageSize())
                .forEach(document -> data.add(InvocationView.of(document)));
        return new Page<>(data, invocations.countDocuments(filter), page.page(), page.pageSize());
    }

    private static Bson invokedAgent(Principal agent) {
        return and(eq("spaceId", agent.spaceId().toString()), eq("agentId", agent.subjectId()));
    }
}
