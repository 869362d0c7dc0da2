package dev.ledgerloop.service.events;

import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every event processor configured by properties handles the events waiting for it in batches of up to {@link
 * #BATCH_SIZE}, in one unit of work, and stores its token once per batch; Axon's default is one event per batch, so
 * a token write per event and processor (seven of the seventeen MongoDB commands a sent message cost,
 * docs/performance.md). A batch is what is waiting: a processor never waits for a batch to fill, so an idle system
 * handles each event as it comes. A crash replays at most the batch, which idempotent handlers allow
 * (docs/architecture.md). A processor whose properties set {@code batch-size} to anything but 1 keeps that size.
 */
final class ProcessorBatches implements BeanPostProcessor {
    static final int BATCH_SIZE = 64;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EventProcessorProperties properties) {
            properties.getProcessors().values().stream()
                    .filter(processor -> processor.getBatchSize() == 1)
                    .forEach(processor -> processor.setBatchSize(BATCH_SIZE));
        }
        return bean;
    }
}
