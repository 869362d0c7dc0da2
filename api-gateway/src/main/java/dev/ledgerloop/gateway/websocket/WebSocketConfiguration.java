package dev.ledgerloop.gateway.websocket;

import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * The live WebSocket's two paths, mapped ahead of the gateway's routes (which would send any GET under /v1 to the
 * query side): the gateway answers the upgrade itself and speaks to the backends over their HTTP routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSocketProperties.class)
class WebSocketConfiguration {
    @Bean
    HandlerMapping liveSocketMapping(LiveSocketEndpoint endpoint) {
        return new SimpleUrlHandlerMapping(
                Map.of(LiveSocketEndpoint.AGENT_PATH, endpoint, LiveSocketEndpoint.HUMAN_PATH, endpoint), -10);
    }
}
