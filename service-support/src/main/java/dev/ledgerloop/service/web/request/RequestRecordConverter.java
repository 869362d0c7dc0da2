package dev.ledgerloop.service.web.request;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Reads {@link RequestRecord} bodies (or a list of them) with a strict copy of the application's JSON mapper and
 * turns a binding failure into an {@link InvalidRequestBodyException} naming the field. A request without a body
 * binds as {@code {}}: it may come without a content type, which is why {@code application/octet-stream} is accepted
 * here, and only when empty.
 */
public final class RequestRecordConverter extends MappingJackson2HttpMessageConverter {
    /** How Jackson begins the message of {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}: {@code Duplicate field 'x'}. */
    private static final String DUPLICATE_FIELD = "Duplicate field '";

    private static final List<MediaType> READABLE = List.of(
            MediaType.APPLICATION_JSON, new MediaType("application", "*+json"), MediaType.APPLICATION_OCTET_STREAM);

    public RequestRecordConverter(ObjectMapper json) {
        super(strict(json));
        setSupportedMediaTypes(READABLE);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return requestRecord(type) != null && canRead(mediaType);
    }

    @Override
    public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
        return requestRecord(type) != null && canRead(mediaType);
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Type type, Class<?> type2, MediaType mediaType) {
        return false;
    }

    @Override
    public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
        MediaType contentType = input.getHeaders().getContentType();
        if (contentType == null || MediaType.APPLICATION_OCTET_STREAM.includes(contentType)) {
            throw new InvalidRequestBodyException("The request body must be application/json", input);
        }
        try {
            Object body = super.read(type, contextClass, input);
            return body != null ? body : empty(type, input);
        } catch (HttpMessageNotReadableException e) {
            if (e.getCause() instanceof JsonMappingException failure) {
                throw new InvalidRequestBodyException(
                        RequestBodyProblems.describe(failure, requestRecord(type)), input);
            }
            if (e.getCause() instanceof StreamReadException failure
                    && failure.getOriginalMessage().startsWith(DUPLICATE_FIELD)) {
                String field = failure.getOriginalMessage().substring(DUPLICATE_FIELD.length());
                throw new InvalidRequestBodyException(
                        "Field '" + field.substring(0, Math.max(0, field.indexOf('\''))) + "' is given more than once",
                        input);
            }
            throw e;
        }
    }

    /** What an absent or {@code null} body binds as: {@code {}} for a record; a list body is required. */
    Object empty(Type type, HttpInputMessage input) throws IOException {
        if (isList(type)) {
            throw new InvalidRequestBodyException(requestRecord(type).wrongBody(), input);
        }
        JavaType javaType = getJavaType(type, null);
        return getObjectMapper().readValue("{}", javaType);
    }

    static RequestRecord requestRecord(Type type) {
        if (type instanceof Class<?> record) {
            return record.getAnnotation(RequestRecord.class);
        }
        if (isList(type) && ((ParameterizedType) type).getActualTypeArguments()[0] instanceof Class<?> item) {
            return item.getAnnotation(RequestRecord.class);
        }
        return null;
    }

    private static boolean isList(Type type) {
        return type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw);
    }

    /**
     * No coercion between JSON types: {@code "5"} is not a number, {@code 1} not a boolean, {@code 1.5} not 1; and the
     * body is one JSON value, nothing after it ({@code {...}xyz} and {@code {...}{...}} are refused, not cut short),
     * and a field given twice is refused rather than one of its values taken.
     */
    private static ObjectMapper strict(ObjectMapper json) {
        ObjectMapper strict = json.copy();
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A record binds a repeated field to its first value and then fails without a field to put the second in.
        strict.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        strict.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        strict.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        strict.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("request-records")
                .addDeserializer(Instant.class, new StrictInstantDeserializer())
                .addDeserializer(EncryptedEnvelope.class, new EnvelopeDeserializer()));
        return strict;
    }
}
