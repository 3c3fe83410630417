package org.peerstats.bench.state;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * RocksDB's own size properties as Kafka Streams exposes them (KIP-607 metrics, group
 * {@code stream-state-metrics}), summed over tasks: per metric, and per store and metric.
 */
public final class RocksDbMetrics {

    static final Set<String> NAMES = Set.of("total-sst-files-size", "live-sst-files-size", "size-all-mem-tables",
            "cur-size-all-mem-tables", "estimate-num-keys");

    private RocksDbMetrics() {
    }

    /** Keys like {@code total-sst-files-size} (all stores) and {@code activity-ledger/total-sst-files-size}. */
    public static Map<String, Double> totals(KafkaStreams streams) {
        Map<String, Double> totals = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (!"stream-state-metrics".equals(name.group()) || !NAMES.contains(name.name())) {
                continue;
            }
            Object value = entry.getValue().metricValue();
            if (value instanceof Number number) {
                String store = name.tags().getOrDefault("rocksdb-state-id", "?");
                totals.merge(name.name(), number.doubleValue(), Double::sum);
                totals.merge(store + "/" + name.name(), number.doubleValue(), Double::sum);
            }
        }
        return totals;
    }
}
