package dev.ledgerloop.standalone;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.embedded.netty.NettyRouteProvider;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The gateway's web server in the one JVM: Reactor Netty, as in the gateway's own deployment. Spring Boot prefers
 * Tomcat for a reactive application when Tomcat is on the class path, and the backends put it there; the gateway would
 * then run on Tomcat, which refuses some request targets (an encoded slash, invalid UTF-8, {@code [} in the query)
 * with its own HTML page before the gateway's checks and error body. This is Spring Boot's own Netty factory, made
 * explicitly so that the Tomcat one is not.
 */
@Configuration(proxyBeanMethods = false)
class GatewayOnNetty {

    @Bean
    NettyReactiveWebServerFactory nettyReactiveWebServerFactory(
            ReactorResourceFactory resources,
            ObjectProvider<NettyRouteProvider> routes,
            ObjectProvider<NettyServerCustomizer> customizers) {
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
        factory.setResourceFactory(resources);
        routes.orderedStream().forEach(factory::addRouteProviders);
        factory.getServerCustomizers().addAll(customizers.orderedStream().toList());
        return factory;
    }
}
