package dev.ledgerloop.query.history;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;

/**
 * A view's event handlers on one instance, called as Axon's {@code AnnotationEventHandlerAdapter} calls them (the
 * first handler that can handle the event, through the class's handler interceptors), with the handler inspection
 * done once per class: the adapter inspects its class again for every instance, and a history fold makes fresh
 * instances of every view for each request, so that inspection was a tenth of what a cold fold allocated.
 */
final class InspectedHandlers {
    private static final Map<Class<?>, AnnotatedHandlerInspector<Object>> INSPECTED = new ConcurrentHashMap<>();

    private final Object target;
    private final Class<?> type;
    private final AnnotatedHandlerInspector<Object> inspector;

    private InspectedHandlers(Object target) {
        this.target = target;
        this.type = target.getClass();
        this.inspector = INSPECTED.computeIfAbsent(type, InspectedHandlers::inspect);
    }

    static InspectedHandlers of(Object target) {
        return new InspectedHandlers(target);
    }

    /** Applies the event with the first handler that can handle it; an event none handles is passed over. */
    void handle(EventMessage<?> event) throws Exception {
        Optional<MessageHandlingMember<? super Object>> handler = inspector
                .getHandlers(type)
                .filter(candidate -> candidate.canHandle(event))
                .findFirst();
        if (handler.isPresent()) {
            inspector.chainedInterceptor(type).handle(event, target, handler.get());
        }
    }

    @SuppressWarnings("unchecked")
    private static AnnotatedHandlerInspector<Object> inspect(Class<?> type) {
        return (AnnotatedHandlerInspector<Object>) AnnotatedHandlerInspector.inspectType(
                type, ClasspathParameterResolverFactory.forClass(type), ClasspathHandlerDefinition.forClass(type));
    }
}
