package dev.ledgerloop.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.junit.jupiter.api.Test;

class ProcessorDefaultsTest {
    @Test
    void a_processor_left_at_one_event_per_batch_takes_up_to_the_batch_size_and_a_chosen_size_stays() {
        EventProcessorProperties properties = new EventProcessorProperties();
        ProcessorSettings leftAtDefault = new ProcessorSettings();
        ProcessorSettings chosen = new ProcessorSettings();
        chosen.setBatchSize(5);
        properties.getProcessors().put("timeline", leftAtDefault);
        properties.getProcessors().put("usage", chosen);

        Object processed =
                new ProcessorDefaults(null).postProcessAfterInitialization(properties, "eventProcessorProperties");

        assertThat(processed).isSameAs(properties);
        assertThat(leftAtDefault.getBatchSize()).isEqualTo(ProcessorDefaults.BATCH_SIZE);
        assertThat(chosen.getBatchSize()).isEqualTo(5);
    }

    @Test
    void a_processor_without_a_segment_count_starts_with_the_deployments_and_a_chosen_count_stays() {
        EventProcessorProperties properties = new EventProcessorProperties();
        ProcessorSettings leftAtDefault = new ProcessorSettings();
        ProcessorSettings chosen = new ProcessorSettings();
        chosen.setInitialSegmentCount(1);
        properties.getProcessors().put("timeline", leftAtDefault);
        properties.getProcessors().put("usage", chosen);

        Object processed =
                new ProcessorDefaults(2).postProcessAfterInitialization(properties, "eventProcessorProperties");

        assertThat(processed).isSameAs(properties);
        assertThat(leftAtDefault.getInitialSegmentCount()).isEqualTo(2);
        assertThat(chosen.getInitialSegmentCount()).isEqualTo(1);
    }

    @Test
    void without_the_setting_every_processor_keeps_axons_default() {
        EventProcessorProperties properties = new EventProcessorProperties();
        ProcessorSettings leftAtDefault = new ProcessorSettings();
        properties.getProcessors().put("timeline", leftAtDefault);

        new ProcessorDefaults(null).postProcessAfterInitialization(properties, "eventProcessorProperties");

        assertThat(leftAtDefault.getInitialSegmentCount()).isNull();
    }
}
