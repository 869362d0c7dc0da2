package dev.ledgerloop.query.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;

/** A registered command as docs/api.md §Commands gives it: {@code {name, description, parameters}}. */
record CommandView(String name, String description, JsonNode parameters) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CommandView of(Document document) {
        try {
            return new CommandView(
                    document.getString("name"),
                    document.getString("description"),
                    JSON.readTree(document.getString("parameters")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The commands view holds a schema that is not JSON", e);
        }
    }
}
