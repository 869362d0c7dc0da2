package dev.ledgerloop.service.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.ledgerloop.events.crypto.StreamShreddedException;
import dev.ledgerloop.eventstore.EventStoreUnavailableException;
import dev.ledgerloop.platform.error.ApiError;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.web.request.InvalidRequestBodyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error a request meets becomes the API's error body with its status, here and nowhere else: an aggregate's
 * {@link DomainException} by its kind, a request body that does not bind or breaks a constraint as 400, and anything
 * unforeseen as 500.
 */
@RestControllerAdvice
class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return answer(e.code(), e.getMessage());
    }

    /** A refusal of an aggregate: its kind decides the status. */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> refused(DomainException e) {
        return answer(codeOf(e.kind()), e.getMessage());
    }

    @ExceptionHandler(InvalidRequestBodyException.class)
    ResponseEntity<ApiError> invalidBody(InvalidRequestBodyException e) {
        return answer(ErrorCode.VALIDATION_ERROR, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidRequest(MethodArgumentNotValidException e) {
        return answer(ErrorCode.VALIDATION_ERROR, RequestProblems.first(e.getBindingResult()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return answer(ErrorCode.VALIDATION_ERROR, "The request body is not valid JSON");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(ErrorCode.VALIDATION_ERROR, "The request body must be application/json");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getRequiredType() != null && e.getRequiredType().getSimpleName().equals("UUID")) {
            // An id that is not a UUID names nothing that could exist.
            return answer(ErrorCode.NOT_FOUND, "No " + e.getName() + " '" + e.getValue() + "'");
        }
        return answer(ErrorCode.VALIDATION_ERROR, "Parameter '" + e.getName() + "' has an invalid value");
    }

    /** A blank id ({@code /sessions/%20}) converts to null: like an id that is not a UUID, it names nothing. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ApiError> blankPathVariable(MissingPathVariableException e) {
        if (e.isMissingAfterConversion()) {
            return answer(ErrorCode.NOT_FOUND, "No " + e.getVariableName() + " ''");
        }
        return unforeseen(e);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return answer(ErrorCode.VALIDATION_ERROR, "Parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return answer(ErrorCode.NOT_FOUND, "No such endpoint: " + e.getHttpMethod() + " /" + e.getResourcePath());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return answer(ErrorCode.NOT_FOUND, "No such endpoint: " + e.getMethod() + " on this path");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return answer(ErrorCode.PAYLOAD_TOO_LARGE, "The upload is larger than this service accepts");
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MultipartException.class})
    ResponseEntity<ApiError> multipart(Exception e) {
        return answer(ErrorCode.VALIDATION_ERROR, "The request must be multipart/form-data with a 'file' part");
    }

    /**
     * The client went away while a long-poll or a stream was being answered (a broken pipe on write): there is no one
     * to answer, and nothing went wrong on our side.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("The client went away before its answer was written: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unforeseen(Exception e) {
        if (causeOf(e, StreamShreddedException.class)) {
            // Loading a shredded session for a command: nothing more may be written to it.
            return answer(ErrorCode.CONFLICT, "The session was shredded: it takes no further changes");
        }
        if (EventStoreUnavailableException.isCauseOf(e)) {
            log.warn("The event store could not be reached or did not answer in time: {}", e.toString());
            return unavailable("The event store is unavailable or did not answer in time; try again");
        }
        if (causeOf(e, MongoSocketException.class) || causeOf(e, MongoTimeoutException.class)) {
            log.warn("MongoDB could not be reached or did not answer in time: {}", e.toString());
            return unavailable("The database is unavailable or did not answer in time; try again");
        }
        log.error("Unhandled error answering a request", e);
        return answer(ErrorCode.INTERNAL, "Internal error");
    }

    private static ResponseEntity<ApiError> unavailable(String message) {
        return ResponseEntity.status(503)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Retry-After", "1")
                .body(ApiError.of(ErrorCode.INTERNAL, message));
    }

    private static boolean causeOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ErrorCode codeOf(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT -> ErrorCode.CONFLICT;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case INVALID -> ErrorCode.VALIDATION_ERROR;
        };
    }

    /**
     * Always JSON, whatever the request accepts: without the type set here, a refused {@code Accept:
     * text/event-stream} request (a browser's EventSource with a stale {@code Last-Event-ID}) found no way to write its
     * error and answered 500.
     */
    private static ResponseEntity<ApiError> answer(ErrorCode code, String message) {
        return ResponseEntity.status(code.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(code, message));
    }
}
