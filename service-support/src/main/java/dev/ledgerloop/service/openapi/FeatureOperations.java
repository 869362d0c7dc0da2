package dev.ledgerloop.service.openapi;

import io.swagger.v3.oas.models.Operation;
import java.util.List;
import org.springframework.web.method.HandlerMethod;

/**
 * Groups operations by feature (the controller's package: {@code session}, {@code timeline}, ...), so the command and
 * the query side of one feature sit together in the merged description, and names each operation after its
 * controller, which is unique across both backends where method names alone are not.
 */
final class FeatureOperations {
    private FeatureOperations() {}

    static Operation name(Operation operation, HandlerMethod handler) {
        Class<?> controller = handler.getBeanType();
        String packageName = controller.getPackageName();
        operation.setTags(List.of(packageName.substring(packageName.lastIndexOf('.') + 1)));
        String controllerName = controller.getSimpleName().replaceFirst("Controller$", "");
        operation.setOperationId(Character.toLowerCase(controllerName.charAt(0))
                + controllerName.substring(1)
                + "_"
                + handler.getMethod().getName());
        return operation;
    }
}
