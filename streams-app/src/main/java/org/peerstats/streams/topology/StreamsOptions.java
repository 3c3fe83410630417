package org.peerstats.streams.topology;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InputAnomaly;

/**
 * The Kafka Streams settings of a peerstats instance, turned into {@link Properties} in one place.
 *
 * @param applicationServer this instance's REST address ({@code host:port}) for interactive
 *                          queries, or {@code null}
 * @param groupInstanceId   this instance's stable name in the consumer group (static membership:
 *                          Kafka Streams adds {@code -<thread>} per stream thread), or {@code null}
 *                          for a dynamic member
 * @param extra             any further Kafka settings, applied last (operators' pass-through)
 */
public record StreamsOptions(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        String applicationServer,
        String groupInstanceId,
        int standbyReplicas,
        String processingGuarantee,
        Topics topics,
        DeadLetterListener deadLetterListener,
        InputAnomaly.Listener anomalyListener,
        Map<String, String> extra) {

    /**
     * The commit interval under exactly_once_v2: half Kafka Streams' default of 100 ms. An event
     * crosses two exactly-once hops (input → ingest → {@code mentor-inputs} → the mentors' task),
     * and a read_committed reader sees the first hop's output only once it commits; at 100 ms the
     * benchmark's freshness p99 was 356 ms, at 50 ms 194-328 ms (two runs), with no loss of throughput
     * (docs/benchmarks.md). {@code PEERSTATS_KAFKA_COMMIT_INTERVAL_MS} overrides it.
     */
    public static final int EXACTLY_ONCE_COMMIT_INTERVAL_MS = 50;

    /**
     * How long the group coordinator waits for a member that stopped heart-beating before it
     * gives its tasks to the others. A static member that comes back within it takes its own
     * tasks back without a rebalance, so it must cover a restart (a killed JVM started again by
     * its supervisor: about 5-15 s here, with the local state kept); a member that does not come
     * back leaves its mentors unserved (503, or a standby's copy to clients that accept stale
     * reads) for that long. Kafka's default is 45 s. {@code PEERSTATS_KAFKA_CONSUMER_SESSION_TIMEOUT_MS}
     * overrides it (the broker bounds it by {@code group.min/max.session.timeout.ms}).
     */
    public static final int SESSION_TIMEOUT_MS = 30_000;

    /**
     * What interactive queries read while transactional state stores are on: only what the last
     * commit made durable. An uncommitted read can show a count that a crash then aborts (and the
     * replay may not reproduce: a correction that arrives after the crash lands on the committed
     * value); committed reads are the same state the changelogs and {@code badge-notifications}
     * (read_committed) show, for at most {@code commit.interval.ms} (50 ms) of freshness
     * (docs/architecture.md, "Crash recovery").
     */
    public static final String INTERACTIVE_QUERY_ISOLATION_LEVEL = "READ_COMMITTED";

    /**
     * The restore consumer's settings (issue 12, restore speed). A restore writes each poll's records
     * of a partition to RocksDB as one batch; at Kafka Streams' 1,000 records a poll a 1.2 M-record
     * restore was ~1,540 batches, each followed by the state updater's bookkeeping; at 10,000 a poll
     * it is ~430 (docs/benchmarks.md). The restore consumer is in no group, so no poll deadline
     * applies, and its fetches stay bounded by {@code fetch.max.bytes} (50 MiB). Operators' settings
     * override it.
     */
    static final Map<String, Object> RESTORE_CONSUMER = Map.of(
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 10_000);

    /**
     * The global consumer's settings. The global thread restores its stores one partition after the
     * other before {@code KafkaStreams.start()} returns; at the end of each partition the consumer has
     * a fetch in flight that the broker holds for {@code fetch.max.wait.ms} (500 ms by default,
     * there being nothing more to read), and the next partition's fetch waits behind it: 0.5 s a
     * partition, 2.9-4.6 s of every restart with the 18 partitions of the three global topics
     * (docs/reliability.md). At 50 ms the global restore took 0.44-0.60 s. The cost: an idle global
     * consumer asks the broker every 50 ms instead of every 500 (one small fetch for all 18
     * partitions). Operators' settings override it.
     */
    static final Map<String, Object> GLOBAL_CONSUMER = Map.of(
            StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);

    /**
     * Client metrics go to Micrometer only ({@code /metrics}, read from {@code KafkaStreams.metrics()}),
     * not to JMX nor pushed to the broker (KIP-714): opening a task registers some hundred metrics
     * per store, and each JMX registration and telemetry hook costs. Without both, a restart's
     * time to RUNNING went from 9.6-10.3 s to 8.3-9.2 s (docs/reliability.md). An operator who
     * scrapes JMX sets {@code PEERSTATS_KAFKA_METRIC_REPORTERS=org.apache.kafka.common.metrics.JmxReporter}.
     */
    static final Map<String, Object> METRICS = Map.of(
            StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, "",
            StreamsConfig.ENABLE_METRICS_PUSH_CONFIG, false);

    public Properties toProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee)) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EXACTLY_ONCE_COMMIT_INTERVAL_MS);
        }
        // KIP-892: uncommitted writes wait in a buffer until their transaction commits, so a crash
        // under exactly-once no longer wipes the stores and restores them whole from the changelogs
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        props.put(StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG, INTERACTIVE_QUERY_ISOLATION_LEVEL);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter().name());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        props.put(DeadLetterListener.CONFIG, deadLetterListener);
        props.put(InputAnomaly.Listener.CONFIG, anomalyListener);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        if (groupInstanceId != null) {
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
        }
        props.putAll(RESTORE_CONSUMER);
        props.putAll(GLOBAL_CONSUMER);
        props.putAll(METRICS);
        props.putAll(extra);
        return props;
    }
}
