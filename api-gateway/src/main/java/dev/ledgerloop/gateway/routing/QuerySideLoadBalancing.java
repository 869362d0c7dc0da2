package dev.ledgerloop.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives Spring Cloud LoadBalancer the configured query-side instances for {@link QuerySideInstances#ROUTE}. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = QuerySideInstances.SERVICE_ID, configuration = QuerySideLoadBalancing.Instances.class)
class QuerySideLoadBalancing {

    /** Read by the load balancer's own child context of {@code query-side}; not a configuration of this one. */
    static class Instances {
        @Bean
        ServiceInstanceListSupplier querySideInstanceList(QuerySideInstances instances) {
            return ServiceInstanceListSuppliers.from(QuerySideInstances.SERVICE_ID, instances.serviceInstances());
        }
    }
}
