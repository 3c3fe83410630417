package org.peerstats.gateway.runtime;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * The service's Kafka Streams client, whose {@link #metrics()} leaves out the state stores'
 * {@code uncommitted-bytes} gauges.
 *
 * <p>With transactional state stores, Kafka Streams 4.4.0 computes that gauge from the store's
 * native RocksDB write batch without checking that the store is still open. Micrometer's binder
 * keeps a snapshot of the client's metrics between refreshes (60 s) and reads every metric in it
 * at each refresh and each scrape, so a read soon after a rebalance or a stop closed a store
 * touched freed memory and killed the JVM (SIGSEGV in {@code WriteBatch.getDataSize} under
 * {@code KafkaMetrics.checkAndBindMetrics}, seen once in {@code ManyInstancesIntegrationTest}). Nothing here
 * needs the gauge; {@code statestore.uncommitted.max.bytes} still bounds the buffers.
 */
public final class PeerstatsKafkaStreams extends KafkaStreams {

    /** The gauge that is not safe to read ({@code stream-state-metrics} group). */
    static final String UNSAFE_GAUGE = "uncommitted-bytes";

    public PeerstatsKafkaStreams(Topology topology, Properties properties) {
        super(topology, properties);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return withoutUnsafeGauges(super.metrics());
    }

    static Map<MetricName, Metric> withoutUnsafeGauges(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream()
                .filter(metric -> !metric.getKey().name().equals(UNSAFE_GAUGE))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
