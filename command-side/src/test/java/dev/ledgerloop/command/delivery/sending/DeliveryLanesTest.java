package dev.ledgerloop.command.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.command.webhook.TestWebhookProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryLanesTest {
    private static final UUID FAST = UUID.randomUUID();
    private static final UUID SLOW = UUID.randomUUID();

    @Test
    void an_endpoint_starts_at_the_configured_concurrency() {
        DeliveryLanes lanes = lanes(4, 32, 64);

        List<DeliveryLanes.Lane> taken = take(lanes, FAST, 10);

        assertThat(taken).hasSize(4);
        assertThat(lanes.busyEndpoints()).containsExactly(FAST.toString());
        assertThat(lanes.free()).isEqualTo(60);
    }

    @Test
    void deliveries_at_the_limit_raise_it_up_to_the_maximum() {
        DeliveryLanes lanes = lanes(4, 6, 64);

        take(lanes, FAST, 4).forEach(lane -> lane.release(AttemptResult.DELIVERED));

        assertThat(lanes.limitOf(FAST)).isEqualTo(6);
        assertThat(take(lanes, FAST, 10)).hasSize(6);
    }

    @Test
    void an_overloaded_endpoint_gets_half_as_many_down_to_one() {
        DeliveryLanes lanes = lanes(8, 32, 64);

        take(lanes, SLOW, 1).get(0).release(AttemptResult.OVERLOADED);
        assertThat(lanes.limitOf(SLOW)).isEqualTo(4);
        for (int i = 0; i < 5; i++) {
            take(lanes, SLOW, 1).get(0).release(AttemptResult.OVERLOADED);
        }

        assertThat(lanes.limitOf(SLOW)).isEqualTo(1);
        assertThat(take(lanes, SLOW, 3)).hasSize(1);
    }

    @Test
    void other_answers_leave_the_limit_and_one_endpoint_never_changes_anothers() {
        DeliveryLanes lanes = lanes(4, 32, 64);

        take(lanes, SLOW, 4).forEach(lane -> lane.release(AttemptResult.OTHER));
        take(lanes, FAST, 4).forEach(lane -> lane.release(AttemptResult.OVERLOADED));

        assertThat(lanes.limitOf(SLOW)).isEqualTo(4);
        assertThat(lanes.limitOf(FAST)).isEqualTo(1);
        assertThat(lanes.free()).isEqualTo(64);
    }

    @Test
    void the_global_maximum_holds_whatever_the_endpoints_limits() {
        DeliveryLanes lanes = lanes(4, 32, 6);

        assertThat(take(lanes, FAST, 4)).hasSize(4);
        assertThat(take(lanes, SLOW, 4)).hasSize(2);
        assertThat(lanes.free()).isZero();
    }

    @Test
    void a_lane_released_twice_counts_once() {
        DeliveryLanes lanes = lanes(4, 32, 64);
        DeliveryLanes.Lane lane = take(lanes, FAST, 1).get(0);

        lane.release(AttemptResult.OVERLOADED);
        lane.release(AttemptResult.OVERLOADED);

        assertThat(lanes.limitOf(FAST)).isEqualTo(2);
        assertThat(lanes.free()).isEqualTo(64);
    }

    @Test
    void a_maximum_below_the_start_is_refused() {
        assertThatThrownBy(() -> lanes(8, 4, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-concurrency-per-endpoint");
    }

    private static List<DeliveryLanes.Lane> take(DeliveryLanes lanes, UUID webhookId, int wanted) {
        List<DeliveryLanes.Lane> taken = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            Optional<DeliveryLanes.Lane> lane = lanes.tryAcquire(webhookId);
            lane.ifPresent(taken::add);
        }
        return taken;
    }

    private static DeliveryLanes lanes(int start, int maximum, int maxInFlight) {
        return new DeliveryLanes(
                TestWebhookProperties.of(List.of(), List.of(), start, maximum, maxInFlight), new SimpleMeterRegistry());
    }
}
