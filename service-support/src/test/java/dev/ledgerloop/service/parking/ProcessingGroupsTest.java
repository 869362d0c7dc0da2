package dev.ledgerloop.service.parking;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class ProcessingGroupsTest {
    @ProcessingGroup("timeline")
    static class TimelineView {}

    @ProcessingGroup("usage")
    static class UsageView {}

    static class NotAHandler {}

    @Test
    void every_processing_group_of_the_context_is_found_once() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean("timeline", TimelineView.class);
            context.registerBean("timelineAgain", TimelineView.class);
            context.registerBean("usage", UsageView.class);
            context.registerBean("other", NotAHandler.class);
            context.refresh();

            assertThat(ParkingConfiguration.processingGroups(context)).containsExactly("timeline", "usage");
        }
    }
}
