package org.peerstats.streams.lists;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.topology.BoundedMemoryRocksDbConfig;

/**
 * A {@link ReplayedGlobalStore} in an application configured as peerstats is (exactly-once,
 * transactional state stores): its writes are read at once, also by a read-committed reader, and
 * a copy of its files taken while it is open — what a SIGKILL leaves on disk — opens again with
 * the records of its committed offset instead of being refused as corrupt. Kafka's own RocksDB
 * store, under the same configs, does neither: each test shows that too, so it would fail if the
 * overrides stopped reaching the store.
 */
class ReplayedGlobalStoreTest {

    private static final TopicPartition TOPIC = new TopicPartition("peerstats.earned-badges", 0);
    private static final Bytes KEY = Bytes.wrap("badge-1".getBytes(StandardCharsets.UTF_8));
    private static final byte[] VALUE = "awarded".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aWriteIsReadAtOnceByAReadCommittedReader() {
        KeyValueStore<Bytes, byte[]> replayed = open(ReplayedGlobalStore.supplier("lists").get(), dir.resolve("a"));
        KeyValueStore<Bytes, byte[]> transactional = open(Stores.persistentKeyValueStore("lists").get(),
                dir.resolve("b"));
        try {
            replayed.put(KEY, VALUE);
            transactional.put(KEY, VALUE);

            assertArrayEquals(VALUE, replayed.readOnly(IsolationLevel.READ_COMMITTED).get(KEY));
            assertNull(transactional.readOnly(IsolationLevel.READ_COMMITTED).get(KEY),
                    "Kafka's store under these configs stages writes until a commit");
        } finally {
            replayed.close();
            transactional.close();
        }
    }

    @Test
    void filesLeftByACrashOpenAgainWithTheRecordsOfTheirCommittedOffset() throws Exception {
        Path live = dir.resolve("live");
        KeyValueStore<Bytes, byte[]> store = open(ReplayedGlobalStore.supplier("lists").get(), live);
        try {
            // RocksDB runs without its write-ahead log: what reaches the files is what memtables
            // flush when full (1 MiB here, as in peerstats), data and offsets together, in the
            // background. So copy the files until a copy holds a commit.
            store.putAll(records("a-", 3000));
            store.commit(Map.of(TOPIC, 3000L));
            store.putAll(records("b-", 3000));
            store.commit(Map.of(TOPIC, 6000L));
            store.putAll(records("c-", 3000));
            for (int attempt = 0; ; attempt++) {
                Path crashed = dir.resolve("crashed-" + attempt);
                copy(live, crashed);
                Path crashedAgain = dir.resolve("crashed-again-" + attempt);
                copy(crashed, crashedAgain);
                KeyValueStore<Bytes, byte[]> reopened = open(ReplayedGlobalStore.supplier("lists").get(), crashed);
                try {
                    Long committed = reopened.committedOffset(TOPIC);
                    if (committed == null && attempt < 100) {
                        Thread.sleep(100);
                        continue;
                    }
                    assertTrue(committed != null && (committed == 3000L || committed == 6000L),
                            "a commit the files hold is one of the two, not " + committed);
                    for (KeyValue<Bytes, byte[]> record : records("a-", (int) Math.min(committed, 3000))) {
                        assertArrayEquals(record.value, reopened.get(record.key));
                    }
                    for (KeyValue<Bytes, byte[]> record : records("b-", (int) (committed - 3000))) {
                        assertArrayEquals(record.value, reopened.get(record.key));
                    }
                } finally {
                    reopened.close();
                }
                KeyValueStore<Bytes, byte[]> kafkas = Stores.persistentKeyValueStore("lists").get();
                assertThrows(TaskCorruptedException.class, () -> open(kafkas, crashedAgain),
                        "under exactly-once Kafka's store refuses files it did not close");
                return;
            }
        } finally {
            store.close();
        }
    }

    /** {@code count} records of 1 KiB, keyed {@code prefix} and a number. */
    private static List<KeyValue<Bytes, byte[]>> records(String prefix, int count) {
        List<KeyValue<Bytes, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[1024];
            new Random(prefix.hashCode() * 31L + i).nextBytes(value);
            records.add(KeyValue.pair(Bytes.wrap((prefix + i).getBytes(StandardCharsets.UTF_8)), value));
        }
        return records;
    }

    private static KeyValueStore<Bytes, byte[]> open(KeyValueStore<Bytes, byte[]> store, Path stateDir) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "replayed-global-store-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        StateStoreContext context = new MockProcessorContext<Void, Void>(properties, new TaskId(-1, -1),
                stateDir.toFile()).getStateStoreContext();
        store.init(context, store);
        return store;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }
}
