package dev.ledgerloop.standalone;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * In one JVM every service's libraries are on every service's class path, so each application would auto-configure
 * the others' frameworks too (the gateway an Axon event store, the backends a Spring Cloud Gateway). Each gets a
 * {@code spring.autoconfigure.exclude} list of the auto-configurations from the packages it must not use; their own
 * deployments (one jar each) have no such libraries to exclude.
 */
final class AutoConfigurationExclusions {
    static final List<String> NOT_FOR_THE_GATEWAY = List.of(
            "org.axonframework.",
            "org.springframework.boot.autoconfigure.mongo.",
            "org.springframework.boot.autoconfigure.data.mongo.",
            // The backends describe their endpoints with springdoc (servlet); the gateway merges what they answer.
            "org.springdoc.");
    static final List<String> NOT_FOR_A_BACKEND = List.of(
            "org.springframework.cloud.gateway.",
            // Only the gateway balances over instances (of the query side).
            "org.springframework.cloud.loadbalancer.",
            "org.springframework.cloud.client.loadbalancer.");

    private AutoConfigurationExclusions() {}

    /** The comma-separated auto-configuration class names under any of the package prefixes. */
    static String under(List<String> packagePrefixes) {
        ImportCandidates candidates =
                ImportCandidates.load(AutoConfiguration.class, LedgerloopSystem.class.getClassLoader());
        return StreamSupport.stream(candidates.spliterator(), false)
                .filter(name -> packagePrefixes.stream().anyMatch(name::startsWith))
                .collect(Collectors.joining(","));
    }
}
