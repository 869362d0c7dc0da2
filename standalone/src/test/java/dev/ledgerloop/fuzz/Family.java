package dev.ledgerloop.fuzz;

/** The mutation families; each case applies one to an otherwise well-formed request. */
enum Family {
    /** The well-formed request itself. */
    VALID,
    /** Every kind of credential, whether the route takes it or not. */
    CREDENTIAL,
    /** Not JSON, truncated JSON, the wrong top-level type, deep nesting, huge strings. */
    BODY_SYNTAX,
    /** A property of the body with the wrong JSON type. */
    PROPERTY_TYPE,
    /** Huge, negative, fractional and NaN-like numbers, in the body and in the query. */
    NUMBER,
    /** Lone surrogates, NUL, right-to-left marks, 4-byte characters, invalid UTF-8, overlong strings. */
    UNICODE,
    /** A required property left out or null. */
    REQUIRED,
    /** Properties the schema does not have, and duplicated keys. */
    EXTRA_FIELD,
    /** Missing and duplicated credentials, Idempotency-Key and X-Hiloop, forged principal headers. */
    HEADER,
    /** No, the wrong or two Content-Types. */
    CONTENT_TYPE,
    /** Encoded and odd path segments and ids. */
    PATH,
    /** Bad values of every query parameter, repeated and unknown parameters. */
    QUERY,
    /** Another space's ids with this space's credentials, and the reverse. */
    CROSS_SPACE
}
