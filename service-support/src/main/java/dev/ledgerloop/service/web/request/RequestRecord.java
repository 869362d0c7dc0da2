package dev.ledgerloop.service.web.request;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a request body: it is bound strictly (no coercion of a string to a number or the like, an
 * envelope checked as {@link dev.ledgerloop.events.envelope.EnvelopeParser} does), a missing or {@code null} body
 * binds as {@code {}}, unknown fields are ignored, and every binding failure answers 400 naming the field.
 * Constraints on its components (Bean Validation, with {@code @Valid} on the parameter) carry the problem as their
 * message, e.g. {@code @NotNull(message = "is required")} answers {@code Field 'x' is required}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequestRecord {
    /** The answer to a body of the wrong JSON type (e.g. an array where an object belongs). */
    String wrongBody() default "The request body must be a JSON object";

    /** The problem when this record sits in a list of the body and the item is not an object. */
    String wrongItem() default "must be an object";
}
