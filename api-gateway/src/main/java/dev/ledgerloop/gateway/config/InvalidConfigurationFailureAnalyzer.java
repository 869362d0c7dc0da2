package dev.ledgerloop.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused gateway configuration into Spring Boot's short "APPLICATION FAILED TO START" report. */
public final class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "The gateway configuration is invalid: " + cause.getMessage(), cause.action(), cause);
    }
}
