package dev.ledgerloop.service.events;

import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every event processor configured by properties without an {@code initial-segment-count} of its own starts with
 * {@code ledgerloop.processors.initial-segments} segments when its tokens are first created (a processor with tokens
 * keeps the segments it has). Unset, Axon's default holds: 16, so that up to 16 instances of a service can share a
 * processor. Each segment is a work package that renews its claim in MongoDB every 5 s and stores its token: with two
 * dozen processors, some 400 of them on one small machine whose one instance needs a few (docs/performance.md).
 */
final class ProcessorSegments implements BeanPostProcessor {
    static final String PROPERTY = "ledgerloop.processors.initial-segments";

    private final Integer segments;

    ProcessorSegments(Integer segments) {
        this.segments = segments;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (segments != null && bean instanceof EventProcessorProperties properties) {
            properties.getProcessors().values().stream()
                    .filter(processor -> processor.getInitialSegmentCount() == null)
                    .forEach(processor -> processor.setInitialSegmentCount(segments));
        }
        return bean;
    }
}
