package dev.ledgerloop.service.web.request;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ledgerloop.events.envelope.InvalidEnvelopeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a body that does not bind to its request record, naming the first wrong field the way the
 * API's messages do: {@code Field 'maxGuests' must be a whole number from 0 to 10000}.
 */
final class RequestBodyProblems {
    private RequestBodyProblems() {}

    static String describe(JsonMappingException failure, RequestRecord body) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidEnvelopeException envelope) {
                return envelope.getMessage();
            }
        }
        List<JsonMappingException.Reference> path = failure.getPath();
        if (path.isEmpty()) {
            return body.wrongBody();
        }
        return "Field '" + fieldName(path) + "' " + problem(failure, path);
    }

    /** {@code scope.agentIds}: an item of a list field is named by the list; an item of the body by its index. */
    static String fieldName(List<JsonMappingException.Reference> path) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                name.append(name.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (name.isEmpty()) {
                name.append('[').append(reference.getIndex()).append(']');
            }
        }
        return name.toString();
    }

    private static String problem(JsonMappingException failure, List<JsonMappingException.Reference> path) {
        JsonMappingException.Reference last = path.get(path.size() - 1);
        JsonMappingException.Reference field =
                last.getFieldName() != null || path.size() < 2 ? last : path.get(path.size() - 2);
        IfMistyped declared = declaredProblem(field);
        if (declared != null) {
            return field != last && !declared.item().isEmpty() ? declared.item() : declared.value();
        }
        Class<?> type = failure instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return defaultProblem(type);
    }

    private static IfMistyped declaredProblem(JsonMappingException.Reference field) {
        Object from = field.getFrom();
        Class<?> owner = from instanceof Class<?> type ? type : from == null ? null : from.getClass();
        if (owner == null || !owner.isRecord() || field.getFieldName() == null) {
            return null;
        }
        return Arrays.stream(owner.getRecordComponents())
                .filter(component -> component.getName().equals(field.getFieldName()))
                .findFirst()
                .map(component -> component.getAnnotation(IfMistyped.class))
                .orElse(null);
    }

    private static String defaultProblem(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 UTC timestamp from 1970 to 9999, such as 2026-03-25T10:30:00.000Z";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (JsonNode.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return "must be a JSON object";
        }
        RequestRecord record = type.getAnnotation(RequestRecord.class);
        return record != null ? record.wrongItem() : "has an invalid value";
    }
}
