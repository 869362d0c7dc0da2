package dev.ledgerloop.gateway.config;

import java.time.Duration;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * Event loops of the gateway's own, for its server and its client to the backends, rather than Reactor Netty's
 * global ones: in a JVM running several applications (the standalone module), closing the gateway then leaves the
 * others' loops alone.
 */
@Configuration(proxyBeanMethods = false)
class NettyResourcesConfiguration {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        factory.setLoopResourcesSupplier(() -> LoopResources.create("gateway-http"));
        // The web server has already drained its requests (graceful shutdown) when the loops are disposed.
        factory.setShutdownQuietPeriod(Duration.ZERO);
        return factory;
    }

    @Bean
    HttpClientCustomizer backendClientOnTheGatewayLoops(ReactorResourceFactory resources) {
        return client -> client.runOn(resources.getLoopResources());
    }
}
