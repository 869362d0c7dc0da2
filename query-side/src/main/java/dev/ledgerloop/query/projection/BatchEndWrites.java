package dev.ledgerloop.query.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes a view gathers over a batch of events and makes as the batch's last event has been handled
 * (docs/architecture.md §Query side): where {@link #INTERCEPTOR} intercepts the handling (a view's live processor, a
 * rebuild's chunks), a handler parks its write in the batch instead of making it. Written then, the writes are in the
 * view before the batch commits and its processor's token moves past them; a batch that fails writes none of them and
 * is handled again. Where nothing intercepts (a history fold, a test calling the handler), each event writes at once.
 * A view may keep reads the same way, for the batch's later events (the feed's sessions).
 */
public final class BatchEndWrites {
    /** What a view keeps over a batch: writes it makes at the batch's end, or reads its later events reuse. */
    public interface Pending {
        void write();
    }

    private static final String PENDING = BatchEndWrites.class.getName();

    /** Marks the unit of work as one that writes at its end, and makes the parked writes after its last event. */
    public static final MessageHandlerInterceptor<EventMessage<?>> INTERCEPTOR = BatchEndWrites::writeAtBatchEnd;

    private BatchEndWrites() {}

    /** Puts {@link #INTERCEPTOR} on the live processor of a processing group. */
    public static ConfigurerModule onProcessor(String processingGroup) {
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerHandlerInterceptor(processingGroup, axon -> INTERCEPTOR));
    }

    /**
     * The writes parked under {@code key} in the batch being handled, created by {@code create} at the first; null
     * when this event is handled alone, and the caller writes at once.
     */
    public static <T extends Pending> T inBatch(String key, Supplier<T> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, Pending> pending = CurrentUnitOfWork.get().getResource(PENDING);
        if (pending == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T parked = (T) pending.computeIfAbsent(key, k -> create.get());
        return parked;
    }

    private static Object writeAtBatchEnd(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        unitOfWork.resources().putIfAbsent(PENDING, new LinkedHashMap<String, Pending>());
        Object result = chain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            if (unitOfWork.resources().remove(PENDING) instanceof Map<?, ?> pending) {
                pending.values().forEach(parked -> ((Pending) parked).write());
            }
        }
        return result;
    }
}
