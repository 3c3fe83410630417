package org.peerstats.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of the process: one block cache and one write
 * buffer manager shared by every store instance, instead of RocksDB's per-store defaults (about
 * 50 MB of cache plus three 16 MB memtables for each store and partition).
 *
 * Also compresses the store files with LZ4.
 *
 * <p>The budget comes from {@link #TOTAL_OFF_HEAP_BYTES} (default 64 MiB), half of it for
 * memtables, charged to the cache (so cache and memtables together stay within the budget); the
 * first store opened in the process fixes it.
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {

    public static final String TOTAL_OFF_HEAP_BYTES = "peerstats.rocksdb.total.off.heap.bytes";
    static final long DEFAULT_TOTAL_OFF_HEAP_BYTES = 64L * 1024 * 1024;
    static final long WRITE_BUFFER_BYTES = 1024L * 1024;
    /**
     * The memtables' arena block. RocksDB's default is an eighth of the write buffer, and a memtable
     * holds at least one block once anything is written to it: with dozens of store partitions that
     * is megabytes of reservations held by nearly empty memtables, counted against the write-buffer
     * manager's budget.
     */
    static final long ARENA_BLOCK_BYTES = 16L * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig tableConfig = (BlockBasedTableConfig) options.tableFormatConfig();
        tableConfig.setBlockCache(sharedCache(configs));
        tableConfig.setCacheIndexAndFilterBlocks(true);
        tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
        // Partitioned index and filters: with index and filter blocks in a cache this small, one
        // index block per file (RocksDB's default) is as large as the file's key count makes it,
        // and once evicted each get reads and decompresses all of it again. Measured on the
        // 118 MB earned-badge list store at 100 k mentors: 41 % of the global thread in
        // LZ4_decompress_safe (docs/benchmarks.md, "Lists at 10 k and 100 k mentors").
        // Partitioned, only the small top level is pinned, and a get reads one 4 KiB partition.
        tableConfig.setIndexType(IndexType.kTwoLevelIndexSearch);
        tableConfig.setPartitionFilters(true);
        tableConfig.setMetadataBlockSize(4096);
        tableConfig.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        // Small memtables: RocksDB reserves a memtable's arena in blocks of min(1 MiB, size / 8), and
        // every store partition (and, since KIP-1035, its offsets column family) has one. With Kafka
        // Streams' 16 MiB default the dozens of memtables of this topology reserve more than the
        // whole write-buffer budget, and the manager then flushes nearly empty memtables without
        // end (measured: 14x less throughput, most CPU in flush and compaction threads).
        // At 1 MiB the default block is 128 KiB, and a 6-partition instance opens 69 stores (11 x 6
        // and 3 global), each with an offsets column family whose options Kafka Streams sets itself:
        // 138 memtables with anything in them can hold 17 MiB of blocks, more than the 16 MiB that
        // a quarter of the budget gave the memtables. During a restore the manager then forced
        // flush after flush (measured in a 1.2 M-record restore: 1,270-1,630 forced flushes,
        // 4.7-14 s of stalled writes, 470-540 compactions). Hence 16 KiB blocks for the stores'
        // memtables and half the budget for memtables (none forced, 140 compactions). Larger
        // memtables do not help: at 4 MiB the restoring stores' memtables together exceed the
        // budget and the forced flushes come back (docs/benchmarks.md, "Restore at 1 M records").
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setMaxWriteBufferNumber(2);
        // Store values are small JSON documents with repeated field names: LZ4 shrinks them
        // several-fold for little CPU (Kafka Streams' default is no compression).
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        options.setTableFormatConfig(tableConfig);
    }

    private static synchronized Cache sharedCache(Map<String, Object> configs) {
        if (cache == null) {
            long total = configs.get(TOTAL_OFF_HEAP_BYTES) instanceof Number n
                    ? n.longValue() : DEFAULT_TOTAL_OFF_HEAP_BYTES;
            long memtables = total / 2;
            cache = new LRUCache(total, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager(memtables, cache);
        }
        return cache;
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: never close them here.
    }
}
