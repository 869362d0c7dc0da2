package dev.ledgerloop.gateway;

import dev.ledgerloop.platform.runtime.CommonPool;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The API gateway, the only public port: authenticates, signs the principal and routes to the command and query
 * sides. Holds no static state, so another module can start it in-process with its own properties (README).
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        // Reactive explicitly: in a JVM that also holds a servlet backend, Spring would otherwise pick the servlet
        // stack.
        new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.REACTIVE)
                .run(args);
    }
}
