package org.peerstats.bench.whatif;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.peerstats.streams.topology.BoundedMemoryRocksDbConfig;
import org.rocksdb.Options;

/**
 * A what-if for {@code ./peerstats bench --rocksdb-config-setter}: the service's
 * {@link BoundedMemoryRocksDbConfig} plus a 1 MiB write buffer (memtable) per column family, as
 * Kafka's documented bounded-memory recipe sets ({@code options.setWriteBufferSize}).
 *
 * <p>Why: RocksDB reserves memtable memory in arena blocks of an eighth of the write buffer
 * size, 2 MiB with Kafka Streams' 16 MiB default. The topology has three stores on six
 * partitions, each with a data and an offsets column family: 36 memtables of at least 2 MiB
 * against a 16 MiB write buffer manager, which is therefore always over budget and flushes
 * nearly empty memtables on every write, so RocksDB's flush and compaction threads and the
 * writes that wait for them take most of the CPU.
 */
public final class SmallWriteBuffersRocksDbConfig implements RocksDBConfigSetter {

    static final long WRITE_BUFFER_BYTES = 1024 * 1024;

    private final BoundedMemoryRocksDbConfig bounded = new BoundedMemoryRocksDbConfig();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        bounded.setConfig(storeName, options, configs);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        bounded.close(storeName, options);
    }
}
