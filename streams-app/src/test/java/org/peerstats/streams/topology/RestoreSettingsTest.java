package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InputAnomaly;
import org.rocksdb.BlockBasedTableConfig;
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
    void memtablesReserveTheirArenaInSmallBlocks() {
        RocksDB.loadLibrary();
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedMemoryRocksDbConfig().setConfig("store", options, Map.of());
            assertEquals(BoundedMemoryRocksDbConfig.ARENA_BLOCK_BYTES, options.arenaBlockSize());
            assertEquals(BoundedMemoryRocksDbConfig.WRITE_BUFFER_BYTES, options.writeBufferSize());
        }
    }
}
