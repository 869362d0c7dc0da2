package dev.ledgerloop.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {
    @Test
    void keeps_what_it_was_given_until_removed_and_tells_its_listeners() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, Duration.ofMinutes(10));
        List<String> seen = new ArrayList<>();
        Registration registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }
        });
        cache.put("a", 1);
        cache.put("a", 2);
        assertThat(cache.putIfAbsent("a", 3)).isFalse();
        assertThat(cache.putIfAbsent("b", 4)).isTrue();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(2);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.containsKey("b")).isTrue();
        assertThat(seen).containsExactly("created a", "updated a", "created b", "removed a");

        registration.cancel();
        cache.removeAll();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(seen).hasSize(4);
    }

    @Test
    void holds_no_more_than_its_bound_however_many_aggregates_pass() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100, Duration.ofMinutes(10));
        for (int i = 0; i < 10_000; i++) {
            cache.put("aggregate-" + i, new byte[1024]);
        }
        long kept = 0;
        for (int i = 0; i < 10_000; i++) {
            kept += cache.containsKey("aggregate-" + i) ? 1 : 0;
        }
        assertThat(kept).isLessThanOrEqualTo(100);
    }
}
