package dev.ledgerloop.service.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.platform.error.ApiError;
import dev.ledgerloop.platform.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/** Writes the docs/api.md error body where no controller runs (filters). */
final class ErrorResponses {
    private final ObjectMapper json;

    ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(code, message));
    }
}
