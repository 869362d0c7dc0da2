package dev.ledgerloop.events.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A command an agent offers humans: its name, what it does, and the JSON Schema its arguments must satisfy. */
public record RegisteredCommand(String name, String description, JsonNode parameters) {

    public RegisteredCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }
}
