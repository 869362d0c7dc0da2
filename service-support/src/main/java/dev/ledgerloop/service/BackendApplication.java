package dev.ledgerloop.service;

import dev.ledgerloop.service.openapi.ApiDescriptionConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * How a backend service is started, the same way from its own main method and from the standalone JVM: a servlet
 * application whose settings file is named after it ({@code command-side.yml}, not {@code application.yml}, so that
 * several services share one class path without shadowing each other's files), with Axon's settings that every
 * backend shares as defaults.
 */
public final class BackendApplication {
    private BackendApplication() {}

    /** Axon's anonymous usage reporting, which would call an AxonIQ server from a self-hosted deployment. */
    static final String AXON_UPDATE_CHECK = "axoniq.update-checker.disabled";

    /** Axon's advertisement for AxonIQ Console, ten lines in every backend's log at each start. */
    static final String AXON_CONSOLE_MESSAGE = "disable-axoniq-console-message";

    /** Axon's time limits on every handler call and unit of work, off by default (an operator may turn them on). */
    static final String AXON_TIME_LIMITS = "axon.timeout.enabled";

    public static SpringApplicationBuilder builder(Class<?> applicationClass, String name) {
        // Axon reads these as system properties (or environment variables), not as Spring properties.
        trueUnlessSet(AXON_UPDATE_CHECK);
        trueUnlessSet(AXON_CONSOLE_MESSAGE);
        return new SpringApplicationBuilder(applicationClass)
                .web(WebApplicationType.SERVLET)
                .properties(defaults(name));
    }

    private static void trueUnlessSet(String systemProperty) {
        if (System.getProperty(systemProperty) == null) {
            System.setProperty(systemProperty, "true");
        }
    }

    static Map<String, Object> defaults(String name) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.config.name", name);
        defaults.put("spring.application.name", name);
        // Axon Server is not used (its connector is not even on the class path): events live in EventStoreDB.
        defaults.put("axon.axonserver.enabled", "false");
        defaults.put("axon.serializer.general", "jackson");
        defaults.put("axon.serializer.messages", "jackson");
        defaults.put("axon.serializer.events", "jackson");
        // Axon's handler and unit-of-work time limits (docs/performance.md, "Axon's time limits off"): each handler
        // call and unit of work walked its thread's whole stack and scheduled a warning it then cancelled. Their
        // warnings came after 10 s and their interrupt after 30 s; a slow processor shows in its lag instead.
        defaults.put(AXON_TIME_LIMITS, "false");
        defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
        // docs/metrics.md: every meter names the service it comes from (several run in one JVM on the embedded
        // default).
        defaults.put("management.metrics.tags.service", name);
        // The backends' ports are internal (the gateway answers /actuator/health with its own): details such as the
        // parked events per processor (docs/replay.md) are for operators there.
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("spring.mvc.problemdetails.enabled", "false");
        defaults.put("server.error.whitelabel.enabled", "false");
        // The API description (ApiDescriptionConfiguration): answers are JSON, errors are described once by
        // ApiConventions rather than from the exception handler of every controller.
        // Enabled explicitly: the gateway serves it, merged, at /openapi.json (springdoc warns when left implicit).
        defaults.put("springdoc.api-docs.enabled", "true");
        defaults.put("springdoc.api-docs.path", ApiDescriptionConfiguration.PATH);
        defaults.put("springdoc.default-produces-media-type", "application/json");
        defaults.put("springdoc.override-with-generic-response", "false");
        defaults.put("springdoc.writer-with-order-by-keys", "true");
        return defaults;
    }
}
