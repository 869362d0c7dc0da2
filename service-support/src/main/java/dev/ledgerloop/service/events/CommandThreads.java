package dev.ledgerloop.service.events;

import dev.ledgerloop.eventstore.CompletionThreads;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Refuses to handle a command on a thread of the common fork-join pool. A command waits for aggregate locks and for
 * its append, and the append can only complete on a free common-pool thread (docs/concurrency.md): a handful of
 * commands there, each waiting for a lock held by a unit of work that waits for its own append, stalled every write
 * of the process for a minute. Failing at once names the caller that must move its work to its own executor.
 */
public final class CommandThreads implements MessageHandlerInterceptor<CommandMessage<?>> {
    private CommandThreads() {}

    /** Registers the guard on the bus, for the lifetime of the bus. */
    public static CommandThreads guard(CommandBus commandBus) {
        CommandThreads guard = new CommandThreads();
        commandBus.registerHandlerInterceptor(guard);
        return guard;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        CompletionThreads.refuseToWait(
                "handling " + unitOfWork.getMessage().getPayloadType().getSimpleName());
        return interceptorChain.proceed();
    }
}
