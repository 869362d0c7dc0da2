package dev.ledgerloop.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.junit.jupiter.api.Test;

class ProcessorBatchesTest {
    @Test
    void a_processor_left_at_one_event_per_batch_takes_up_to_the_batch_size_and_a_chosen_size_stays() {
        EventProcessorProperties properties = new EventProcessorProperties();
        ProcessorSettings leftAtDefault = new ProcessorSettings();
        ProcessorSettings chosen = new ProcessorSettings();
        chosen.setBatchSize(5);
        properties.getProcessors().put("timeline", leftAtDefault);
        properties.getProcessors().put("usage", chosen);

        Object processed =
                new ProcessorBatches().postProcessAfterInitialization(properties, "eventProcessorProperties");

        assertThat(processed).isSameAs(properties);
        assertThat(leftAtDefault.getBatchSize()).isEqualTo(ProcessorBatches.BATCH_SIZE);
        assertThat(chosen.getBatchSize()).isEqualTo(5);
    }
}
