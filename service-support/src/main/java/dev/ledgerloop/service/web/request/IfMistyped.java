package dev.ledgerloop.service.web.request;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem a request record component answers when its JSON value has the wrong type, where the default for the
 * component's type (e.g. {@code must be true or false}) does not say enough, such as the bounds of a number.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface IfMistyped {
    /** E.g. {@code must be a whole number from 0 to 10000}. */
    String value();

    /** For a list: the problem when one of its items has the wrong type; empty for {@link #value()}. */
    String item() default "";
}
