package dev.ledgerloop.command.agent;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The {@code pattern} and {@code patternProperties} of registered command schemas run on RE2/J, whose matching time is
 * linear in the input: a pattern such as {@code (a+)+$} that makes a backtracking engine ({@code java.util.regex})
 * run for minutes on a short argument costs microseconds here. RE2 has no back-references or look-arounds; a schema
 * that uses them is refused when the command is registered, never at invocation.
 */
final class LinearTimePatterns implements RegularExpressionFactory {
    static final LinearTimePatterns INSTANCE = new LinearTimePatterns();

    private LinearTimePatterns() {}

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "pattern " + regex + " is not supported (no back-references or look-arounds): " + e.getMessage(),
                    e);
        }
        // JSON Schema patterns are not anchored: a match anywhere in the value counts.
        return value -> pattern.matcher(value).find();
    }
}
