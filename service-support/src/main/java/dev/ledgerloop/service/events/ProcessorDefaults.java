package dev.ledgerloop.service.events;

import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * What every event processor configured by properties gets unless its properties say otherwise.
 *
 * <p>Batches: it handles the events waiting for it in batches of up to {@link #BATCH_SIZE}, in one unit of work, and
 * stores its token once per batch; Axon's default is one event per batch, so a token write per event and processor
 * (seven of the seventeen MongoDB commands a sent message cost, docs/performance.md). A batch is what is waiting: a
 * processor never waits for a batch to fill, so an idle system handles each event as it comes. A crash replays at most
 * the batch, which idempotent handlers allow (docs/architecture.md). A processor whose properties set {@code
 * batch-size} to anything but 1 keeps that size.
 *
 * <p>Segments: with {@code ledgerloop.processors.initial-segments} set, a processor without an {@code
 * initial-segment-count} of its own starts with that many segments when its tokens are first created (a processor
 * with tokens keeps the segments it has). Unset, Axon's default holds: 16, so that up to 16 instances of a service can
 * share a processor. Each segment is a work package that renews its claim in MongoDB every 5 s and stores its token:
 * with two dozen processors, some 400 of them on one small machine whose one instance needs a few.
 */
final class ProcessorDefaults implements BeanPostProcessor {
    static final int BATCH_SIZE = 64;
    static final String INITIAL_SEGMENTS = "ledgerloop.processors.initial-segments";

    private final Integer initialSegments;

    ProcessorDefaults(Integer initialSegments) {
        this.initialSegments = initialSegments;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EventProcessorProperties properties) {
            properties.getProcessors().values().forEach(this::fillIn);
        }
        return bean;
    }

    private void fillIn(ProcessorSettings processor) {
        if (processor.getBatchSize() == 1) {
            processor.setBatchSize(BATCH_SIZE);
        }
        if (initialSegments != null && processor.getInitialSegmentCount() == null) {
            processor.setInitialSegmentCount(initialSegments);
        }
    }
}
