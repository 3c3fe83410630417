package org.peerstats.bench.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.peerstats.streams.topology.BoundedMemoryRocksDbConfig;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.CompactionJobInfo;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteStallInfo;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.TickerType;

/**
 * A diagnostic what-if ({@code --rocksdb-config-setter org.peerstats.bench.state.CountingRocksDbConfig}):
 * the shipped settings plus one RocksDB {@link Statistics} shared by every store of the process, so
 * a run can tell how long writes stalled and how much was flushed and compacted. Kafka Streams'
 * own RocksDB metrics (recording level DEBUG) are recorded once a minute, too seldom for a restore
 * of a few seconds; these counters are read when asked.
 */
public final class CountingRocksDbConfig implements RocksDBConfigSetter {

    private static final List<TickerType> TICKERS = List.of(TickerType.STALL_MICROS, TickerType.NUMBER_KEYS_WRITTEN,
            TickerType.BYTES_WRITTEN, TickerType.FLUSH_WRITE_BYTES, TickerType.COMPACT_WRITE_BYTES,
            TickerType.COMPACT_READ_BYTES, TickerType.WRITE_DONE_BY_SELF, TickerType.WRITE_DONE_BY_OTHER);
    private static Statistics statistics;
    private static Listener listener;

    private final RocksDBConfigSetter shipped = new BoundedMemoryRocksDbConfig();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        shipped.setConfig(storeName, options, configs);
        options.setStatistics(shared());
        options.setListeners(List.of(listener));
    }

    private static synchronized Statistics shared() {
        if (statistics == null) {
            statistics = new Statistics();
            statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
            listener = new Listener();
        }
        return statistics;
    }

    /** Counts flushes by reason, the flushes after which writes slowed or stopped, and stall changes. */
    private static final class Listener extends AbstractEventListener {
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        Listener() {
            super(EnabledEventCallback.ON_FLUSH_COMPLETED, EnabledEventCallback.ON_STALL_CONDITIONS_CHANGED,
                    EnabledEventCallback.ON_COMPACTION_COMPLETED);
        }

        @Override
        public void onFlushCompleted(RocksDB db, FlushJobInfo info) {
            count("flushes_" + info.getFlushReason().name().toLowerCase(java.util.Locale.ROOT));
            if (info.isTriggeredWritesSlowdown()) {
                count("flushes_triggered_writes_slowdown");
            }
            if (info.isTriggeredWritesStop()) {
                count("flushes_triggered_writes_stop");
            }
        }

        @Override
        public void onCompactionCompleted(RocksDB db, CompactionJobInfo info) {
            count("compactions");
        }

        @Override
        public void onStallConditionsChanged(WriteStallInfo info) {
            count("stall_changes_to_" + info.getCurrentCondition().name().toLowerCase(java.util.Locale.ROOT));
        }

        private void count(String name) {
            counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        }
    }

    /** The counters so far, by ticker name; empty when no store was configured by this class. */
    public static synchronized Map<String, Long> tickers() {
        Map<String, Long> values = new LinkedHashMap<>();
        if (statistics != null) {
            TICKERS.forEach(ticker -> values.put(ticker.name().toLowerCase(java.util.Locale.ROOT),
                    statistics.getTickerCount(ticker)));
            new java.util.TreeMap<>(listener.counts).forEach((name, count) -> values.put(name, count.get()));
        }
        return values;
    }

    /** {@code end} minus {@code start}, per counter. */
    public static Map<String, Long> delta(Map<String, Long> start, Map<String, Long> end) {
        Map<String, Long> delta = new LinkedHashMap<>();
        end.forEach((name, value) -> delta.put(name, value - start.getOrDefault(name, 0L)));
        return delta;
    }

    @Override
    public void close(String storeName, Options options) {
        shipped.close(storeName, options);
    }
}
