package org.peerstats.bench.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * A what-if for tuning ({@code --rocksdb-config-setter org.peerstats.bench.state.TunedRocksDbConfig}):
 * the shipped settings with the counters of {@link CountingRocksDbConfig}, then the memtable and
 * level-0 options named by system properties ({@code PEERSTATS_JAVA_OPTS="-Dbench.rocksdb.write.buffer.kib=8192"}):
 * {@code bench.rocksdb.write.buffer.kib}, {@code bench.rocksdb.max.write.buffers},
 * {@code bench.rocksdb.arena.block.kib}, {@code bench.rocksdb.l0.slowdown}, {@code bench.rocksdb.l0.stop}.
 * Unset ones stay as shipped.
 */
public final class TunedRocksDbConfig implements RocksDBConfigSetter {

    private final RocksDBConfigSetter counting = new CountingRocksDbConfig();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        counting.setConfig(storeName, options, configs);
        Long writeBuffer = Long.getLong("bench.rocksdb.write.buffer.kib");
        if (writeBuffer != null) {
            options.setWriteBufferSize(writeBuffer * 1024);
        }
        Integer buffers = Integer.getInteger("bench.rocksdb.max.write.buffers");
        if (buffers != null) {
            options.setMaxWriteBufferNumber(buffers);
        }
        Long arena = Long.getLong("bench.rocksdb.arena.block.kib");
        if (arena != null) {
            options.setArenaBlockSize(arena * 1024);
        }
        Integer slowdown = Integer.getInteger("bench.rocksdb.l0.slowdown");
        if (slowdown != null) {
            options.setLevel0SlowdownWritesTrigger(slowdown);
        }
        Integer stop = Integer.getInteger("bench.rocksdb.l0.stop");
        if (stop != null) {
            options.setLevel0StopWritesTrigger(stop);
        }
    }

    @Override
    public void close(String storeName, Options options) {
        counting.close(storeName, options);
    }
}
