package dev.ledgerloop.eventstore.embedded.conformance;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs a Testcontainers suite only where a Docker engine answers, and says clearly why it was skipped otherwise. */
public final class DockerAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("Docker is available");
        }
        return ConditionEvaluationResult.disabled(
                "No Docker engine is reachable on this machine: the suite against the " + "real server ("
                        + context.getDisplayName() + ") is skipped; the same suite ran against the embedded node.");
    }
}
