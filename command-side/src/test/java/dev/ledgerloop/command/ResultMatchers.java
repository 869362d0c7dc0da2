package dev.ledgerloop.command;

import java.util.function.Predicate;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for what an aggregate's command handler answers, for Axon's {@code expectResultMessagePayloadMatching}. */
public final class ResultMatchers {
    private ResultMatchers() {}

    /** A result of this type for which the check holds. */
    public static <T> Matcher<T> matching(Class<T> type, Predicate<T> check) {
        return new TypeSafeMatcher<>(type) {
            @Override
            protected boolean matchesSafely(T item) {
                return check.test(item);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " as expected");
            }
        };
    }
}
