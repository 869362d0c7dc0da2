package dev.ledgerloop.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives Spring Cloud LoadBalancer the configured query-side instances for {@link QuerySideInstances#ROUTE}, all of
 * them always: a request that finds an instance gone (connection refused) is tried on the next one by the routes
 * themselves ({@link RoutingConfiguration}). Health checks were tried and left out: under load a slow health answer took
 * healthy instances out of the rotation and the gateway answered 503 with both up.
 */
@Configuration(proxyBeanMethods = false)
class QuerySideLoadBalancing {

    /** What {@code @LoadBalancerClient} would register, without its bean-name warning at start. */
    @Bean
    LoadBalancerClientSpecification querySideLoadBalancerClient() {
        return new LoadBalancerClientSpecification(QuerySideInstances.SERVICE_ID, new Class<?>[] {Instances.class});
    }

    /** Read by the load balancer's own child context of {@code query-side}; not a configuration of this one. */
    static class Instances {
        @Bean
        ServiceInstanceListSupplier querySideInstanceList(QuerySideInstances instances) {
            return ServiceInstanceListSuppliers.from(QuerySideInstances.SERVICE_ID, instances.serviceInstances());
        }
    }
}
