package dev.ledgerloop.service.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * The first constraint a request record breaks, in the order of its components, as the API says it: {@code Field
 * 'encryptedContent' is required}. A missing field is named before any other problem of the same field.
 */
final class RequestProblems {
    private RequestProblems() {}

    static String first(BindingResult result) {
        List<String> order = componentNames(result.getTarget());
        return result.getFieldErrors().stream()
                .min(Comparator.comparingInt((FieldError error) -> position(order, error.getField()))
                        .thenComparing(error -> !"NotNull".equals(error.getCode())))
                .map(error -> "Field '" + fieldName(error.getField()) + "' " + error.getDefaultMessage())
                .orElse("The request body is not valid");
    }

    /** A list's items are named by the list: {@code scope.agentIds[3]} is {@code scope.agentIds}. */
    private static String fieldName(String path) {
        return path.replaceAll("\\[[^]]*]", "");
    }

    private static int position(List<String> order, String path) {
        int index = order.indexOf(path.split("[.\\[]", 2)[0]);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static List<String> componentNames(Object target) {
        if (target == null || !target.getClass().isRecord()) {
            return List.of();
        }
        return Arrays.stream(target.getClass().getRecordComponents())
                .map(component -> component.getName())
                .toList();
    }
}
