package dev.ledgerloop.service.web;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.CredentialKinds;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import dev.ledgerloop.service.openapi.ApiDescriptionConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Lets a request through only with a principal the gateway signed, so a backend reached around the gateway answers
 * 401. The health check stays open for orchestrators, and the API description for the gateway, which merges it into
 * the public {@code /openapi.json} (it describes endpoints, it holds no data). The principal's kind must fit the
 * route ({@link CredentialKinds}), checked again here on the decoded path.
 */
final class PrincipalFilter extends OncePerRequestFilter {
    static final String ATTRIBUTE = Principal.class.getName();

    private final PrincipalHeaders headers;
    private final ErrorResponses errors;

    PrincipalFilter(PrincipalHeaders headers, ErrorResponses errors) {
        this.headers = headers;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return MetricsFilter.isMetrics(request)
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")
                || path.equals(ApiDescriptionConfiguration.PATH)
                || path.startsWith(ApiDescriptionConfiguration.PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Principal> principal = headers.verify(
                request.getHeader(PrincipalHeaders.PRINCIPAL),
                request.getHeader(PrincipalHeaders.TIMESTAMP),
                request.getHeader(PrincipalHeaders.SIGNATURE),
                request.getMethod(),
                request.getRequestURI());
        if (principal.isEmpty()) {
            errors.write(response, ErrorCode.UNAUTHENTICATED, "This service is only reachable through the gateway");
            return;
        }
        // The path as this service dispatches on it (decoded, without ';' parameters), whatever spelling arrived.
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        Optional<CredentialKinds.Refusal> refusal = CredentialKinds.refusal(path, principal.get());
        if (refusal.isPresent()) {
            errors.write(response, refusal.get().code(), refusal.get().message());
            return;
        }
        request.setAttribute(ATTRIBUTE, principal.get());
        chain.doFilter(request, response);
    }
}
