package dev.ledgerloop.service.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.events.InstantMillisSerializer;
import dev.ledgerloop.platform.metrics.MetricsToken;
import dev.ledgerloop.platform.principal.GuestAccessTokens;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import dev.ledgerloop.service.LedgerloopProperties;
import dev.ledgerloop.service.web.request.EmptyRequestBodies;
import dev.ledgerloop.service.web.request.RequestRecordConverter;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP edge of a backend: the signed-principal check, the error body, API timestamps, strictly bound request
 * records.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiExceptionHandler.class)
public class WebConfiguration implements WebMvcConfigurer {
    // Not a bean: as a MappingJackson2HttpMessageConverter bean it would replace Spring Boot's own for responses.
    private final ObjectProvider<ObjectMapper> json;
    private RequestRecordConverter requestRecords;

    public WebConfiguration(ObjectProvider<ObjectMapper> json) {
        this.json = json;
    }

    @Bean
    EmptyRequestBodies emptyRequestBodies() {
        return new EmptyRequestBodies(requestRecords());
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, requestRecords());
    }

    private synchronized RequestRecordConverter requestRecords() {
        if (requestRecords == null) {
            requestRecords = new RequestRecordConverter(json.getObject());
        }
        return requestRecords;
    }

    @Bean
    PrincipalHeaders principalHeaders(LedgerloopProperties properties) {
        return new PrincipalHeaders(
                principalSecret(properties),
                Clock.systemUTC(),
                properties.principal().maxSkew());
    }

    @Bean
    GuestAccessTokens guestAccessTokens(LedgerloopProperties properties) {
        return new GuestAccessTokens(principalSecret(properties), Clock.systemUTC());
    }

    private static byte[] principalSecret(LedgerloopProperties properties) {
        String secret = properties.principal().secret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("ledgerloop.principal.secret (LEDGERLOOP_PRINCIPAL_SECRET) is not set: give"
                    + " it the gateway's ledgerloop.gateway.principal-secret");
        }
        return Base64.getDecoder().decode(secret.strip());
    }

    @Bean
    FilterRegistrationBean<PrincipalFilter> principalFilter(PrincipalHeaders headers, ObjectMapper json) {
        FilterRegistrationBean<PrincipalFilter> registration =
                new FilterRegistrationBean<>(new PrincipalFilter(headers, new ErrorResponses(json)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MetricsFilter> metricsFilter(
            @Value("${ledgerloop.metrics.token-sha256:}") String tokenSha256, ObjectMapper json) {
        FilterRegistrationBean<MetricsFilter> registration = new FilterRegistrationBean<>(
                new MetricsFilter(MetricsToken.withHash(tokenSha256), new ErrorResponses(json)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer apiTimestamps() {
        return builder -> builder.serializerByType(Instant.class, new InstantMillisSerializer());
    }

    /** A body with anything after its JSON value ({@code {"typing":true}{"typing":true}}) is malformed: 400. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer oneJsonValuePerBody() {
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentPrincipalResolver());
    }
}
