package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InputAnomaly;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.IndexType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The settings that make a restore fast (docs/benchmarks.md, "Restore at 1 M records: before and after"). */
class RestoreSettingsTest {

    private static Properties properties(Map<String, String> extra) {
        return new StreamsOptions("peerstats-test", "unused:9092", Path.of("state"), null, null, 0,
                StreamsConfig.EXACTLY_ONCE_V2, Topics.defaults(), DeadLetterListener.NONE, InputAnomaly.Listener.NONE,
                extra).toProperties();
    }

    @Test
    void theRestoreConsumerPollsTenThousandRecordsUnlessAnOperatorSaysOtherwise() {
        Map<String, Object> restore = new StreamsConfig(properties(Map.of())).getRestoreConsumerConfigs("restore");
        assertEquals(10_000, restore.get("max.poll.records"));

        Map<String, Object> overridden = new StreamsConfig(properties(Map.of("restore.consumer.max.poll.records", "500")))
                .getRestoreConsumerConfigs("restore");
        assertEquals(500, Integer.parseInt(String.valueOf(overridden.get("max.poll.records"))));
    }

    @Test
    void theMainConsumerKeepsKafkaStreamsPollSize() {
        Map<String, Object> main = new StreamsConfig(properties(Map.of()))
                .getMainConsumerConfigs("peerstats-test", "main", 0);
        assertEquals(1000, Integer.parseInt(String.valueOf(main.get("max.poll.records"))));
    }

    @Test
    void theGlobalConsumerWaitsFiftyMillisecondsForAnEmptyFetchUnlessAnOperatorSaysOtherwise() {
        Map<String, Object> global = new StreamsConfig(properties(Map.of())).getGlobalConsumerConfigs("global");
        assertEquals(50, Integer.parseInt(String.valueOf(global.get("fetch.max.wait.ms"))));
        Map<String, Object> main = new StreamsConfig(properties(Map.of()))
                .getMainConsumerConfigs("peerstats-test", "main", 0);
        assertEquals(null, main.get("fetch.max.wait.ms"), "the main consumer keeps Kafka's default");

        Map<String, Object> overridden = new StreamsConfig(properties(Map.of("global.consumer.fetch.max.wait.ms", "200")))
                .getGlobalConsumerConfigs("global");
        assertEquals(200, Integer.parseInt(String.valueOf(overridden.get("fetch.max.wait.ms"))));
    }

    @Test
    void clientMetricsGoNeitherToJmxNorToTheBrokerUnlessAnOperatorSaysOtherwise() {
        StreamsConfig config = new StreamsConfig(properties(Map.of()));
        assertEquals(List.of(), config.getList(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG));
        assertEquals(false, config.getBoolean(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG));
        assertEquals("", String.valueOf(config.getProducerConfigs("p").get("metric.reporters")), "the clients inherit it");

        StreamsConfig jmx = new StreamsConfig(properties(Map.of("metric.reporters",
                "org.apache.kafka.common.metrics.JmxReporter")));
        assertEquals(List.of("org.apache.kafka.common.metrics.JmxReporter"),
                jmx.getList(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG));
    }

    @Test
    void memtablesReserveTheirArenaInSmallBlocks() {
        try (Options options = configuredOptions()) {
            assertEquals(BoundedMemoryRocksDbConfig.ARENA_BLOCK_BYTES, options.arenaBlockSize());
            assertEquals(BoundedMemoryRocksDbConfig.WRITE_BUFFER_BYTES, options.writeBufferSize());
        }
    }

    @Test
    void indexesAndFiltersArePartitionedSoAGetReadsOnePartitionAndNotAWholeIndex() {
        try (Options options = configuredOptions()) {
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertEquals(IndexType.kTwoLevelIndexSearch, table.indexType());
            assertEquals(true, table.partitionFilters());
            assertEquals(true, table.pinTopLevelIndexAndFilter());
            assertEquals(true, table.cacheIndexAndFilterBlocks());
        }
    }

    /** RocksDB options as {@link BoundedMemoryRocksDbConfig} leaves them for a store. */
    private static Options configuredOptions() {
        RocksDB.loadLibrary();
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedMemoryRocksDbConfig().setConfig("store", options, Map.of());
        return options;
    }
}
