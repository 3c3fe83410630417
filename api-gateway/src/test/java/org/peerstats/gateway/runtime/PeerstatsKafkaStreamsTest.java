package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** The metrics view leaves out only the gauge that is unsafe to read, and never reads it. */
class PeerstatsKafkaStreamsTest {

    @Test
    void theUncommittedBytesGaugesAreLeftOutUnreadAndEverythingElseStays() {
        try (Metrics registry = new Metrics()) {
            MetricName unsafe = registry.metricName(PeerstatsKafkaStreams.UNSAFE_GAUGE, "stream-state-metrics",
                    Map.of("task-id", "3_1", "rocksdb-state-id", "mentor-stats-state"));
            MetricName puts = registry.metricName("put-rate", "stream-state-metrics",
                    Map.of("task-id", "3_1", "rocksdb-state-id", "mentor-stats-state"));
            registry.addMetric(unsafe, (Gauge<Long>) (config, now) -> {
                throw new AssertionError("the unsafe gauge was read");
            });
            registry.addMetric(puts, (Gauge<Long>) (config, now) -> 7L);

            Map<MetricName, Metric> view = PeerstatsKafkaStreams.withoutUnsafeGauges(registry.metrics());

            Set<String> names = view.keySet().stream().map(MetricName::name).collect(Collectors.toSet());
            assertEquals(registry.metrics().size() - 1, view.size());
            assertEquals(false, names.contains(PeerstatsKafkaStreams.UNSAFE_GAUGE));
            assertEquals(7L, view.get(puts).metricValue());
        }
    }
}
