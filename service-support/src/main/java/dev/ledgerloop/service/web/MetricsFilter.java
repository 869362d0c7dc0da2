package dev.ledgerloop.service.web;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.metrics.MetricsToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code /actuator/prometheus} for the holder of the metrics token only ({@link MetricsToken}). */
final class MetricsFilter extends OncePerRequestFilter {
    private final MetricsToken token;
    private final ErrorResponses errors;

    MetricsFilter(MetricsToken token, ErrorResponses errors) {
        this.token = token;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isMetrics(request);
    }

    static boolean isMetrics(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals(MetricsToken.PATH) || path.startsWith(MetricsToken.PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        switch (token.check(request.getHeader("Authorization"))) {
            case ALLOWED -> chain.doFilter(request, response);
            case DISABLED ->
                errors.write(
                        response, ErrorCode.NOT_FOUND, "Metrics are off: no ledgerloop.metrics.token-sha256 is set");
            case REFUSED ->
                errors.write(
                        response,
                        ErrorCode.UNAUTHENTICATED,
                        "The metrics need the metrics token: Authorization: Bearer <token>");
        }
    }
}
