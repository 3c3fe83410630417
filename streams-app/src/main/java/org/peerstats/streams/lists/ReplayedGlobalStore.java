package org.peerstats.streams.lists;

import java.io.File;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A RocksDB store for a global store that is kept by replaying its topic, not by transactions.
 *
 * <p>The application runs with transactional state stores (KIP-892), which a task's store needs
 * under exactly-once: its writes are staged in a buffer and reach RocksDB when the task commits.
 * A global store gains nothing from that — the global thread is not part of a transaction, its
 * topic is the log, and after a crash it replays that topic from the offset its store last
 * committed — and it pays on every read. Kafka 4.4.0 commits a global store only once its topics
 * moved by more than 10,000 records, so that many records' writes can wait in the buffer however
 * quiet the topics are; and it reads a global store uncommitted whatever the interactive-query
 * isolation level says, so every range scan first copies the buffered writes of its range into
 * a new map. In the list benchmark that copy was up to half a request's time, depending on how
 * much the last load left uncommitted (docs/benchmarks.md, issue 15). This store reads and writes
 * RocksDB directly instead.
 *
 * <p>Kafka decides both properties for all stores from the application's configs, so this store
 * opens Kafka's own RocksDB store with a context whose configs say otherwise for it alone:
 * <ul>
 *   <li>{@code enable.transactional.statestores=false}: writes go straight to RocksDB;</li>
 *   <li>{@code processing.guarantee=at_least_once}: a store left open by a crash is reopened and
 *       caught up from its committed offset. Under exactly-once Kafka refuses such a store with
 *       {@code TaskCorruptedException}, which the global thread does not recover from
 *       (KAFKA-21034): the instance would not start again until its global state was deleted.</li>
 * </ul>
 * What that asks of the processor that writes the store: each record's writes as one
 * {@link KeyValueStore#putAll} (a single RocksDB write batch, so a reader sees all of a record or
 * none of it, and a crash cannot keep half of one), and derived from what the store holds, so
 * that replaying records it already applied leaves it as it was ({@link IndexingProcessor}).
 */
public final class ReplayedGlobalStore {

    private static final Map<String, Object> OVERRIDES = Map.of(
            StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, false,
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

    private ReplayedGlobalStore() {
    }

    /** A supplier of such stores, named {@code name}. */
    public static KeyValueBytesStoreSupplier supplier(String name) {
        KeyValueBytesStoreSupplier rocksDb = Stores.persistentKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocksDb.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new Store(rocksDb.get());
            }

            @Override
            public String metricsScope() {
                return rocksDb.metricsScope();
            }
        };
    }

    /** The configs a store of this kind is opened with: the application's, with {@link #OVERRIDES}. */
    static Map<String, Object> configs(Map<String, Object> application) {
        Map<String, Object> configs = new HashMap<>(application);
        configs.putAll(OVERRIDES);
        return Collections.unmodifiableMap(configs);  // an application's configs may hold nulls
    }

    /** Kafka's RocksDB store, opened with {@link #configs}; every other call goes to it unchanged. */
    private static final class Store implements KeyValueStore<Bytes, byte[]> {

        private final KeyValueStore<Bytes, byte[]> rocksDb;

        Store(KeyValueStore<Bytes, byte[]> rocksDb) {
            this.rocksDb = rocksDb;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            rocksDb.init(new Context(context), root);
        }

        @Override
        public String name() {
            return rocksDb.name();
        }

        @Override
        public void put(Bytes key, byte[] value) {
            rocksDb.put(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            return rocksDb.putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            rocksDb.putAll(entries);
        }

        @Override
        public byte[] delete(Bytes key) {
            return rocksDb.delete(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return rocksDb.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return rocksDb.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return rocksDb.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return rocksDb.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return rocksDb.reverseAll();
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            return rocksDb.prefixScan(prefix, serializer);
        }

        @Override
        public long approximateNumEntries() {
            return rocksDb.approximateNumEntries();
        }

        @Override
        public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
            return rocksDb.readOnly(isolationLevel);
        }

        @Override
        public void flush() {
            rocksDb.flush();
        }

        @Override
        public void commit(Map<TopicPartition, Long> changelogOffsets) {
            rocksDb.commit(changelogOffsets);
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            return rocksDb.committedOffset(partition);
        }

        @Override
        public boolean managesOffsets() {
            return rocksDb.managesOffsets();
        }

        @Override
        public long approximateNumUncommittedBytes() {
            return rocksDb.approximateNumUncommittedBytes();
        }

        @Override
        public void close() {
            rocksDb.close();
        }

        @Override
        public boolean persistent() {
            return rocksDb.persistent();
        }

        @Override
        public boolean isOpen() {
            return rocksDb.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            return rocksDb.query(query, positionBound, config);
        }

        @Override
        public Position getPosition() {
            return rocksDb.getPosition();
        }
    }

    /** The global thread's context for one store, with {@link #configs} for its configs. */
    private static final class Context implements StateStoreContext {

        private final StateStoreContext context;
        private final Map<String, Object> configs;

        Context(StateStoreContext context) {
            this.context = context;
            this.configs = configs(context.appConfigs());
        }

        @Override
        public Map<String, Object> appConfigs() {
            return configs;
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            Map<String, Object> withPrefix = new HashMap<>();
            configs.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    withPrefix.put(key.substring(prefix.length()), value);
                }
            });
            return withPrefix;
        }

        @Override
        public String applicationId() {
            return context.applicationId();
        }

        @Override
        public TaskId taskId() {
            return context.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return context.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return context.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return context.valueSerde();
        }

        @Override
        public File stateDir() {
            return context.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return context.metrics();
        }

        @Override
        public void register(StateStore store, StateRestoreCallback restoreCallback) {
            context.register(store, restoreCallback);
        }

        @Override
        public void register(StateStore store, StateRestoreCallback restoreCallback, CommitCallback onCommit) {
            context.register(store, restoreCallback, onCommit);
        }
    }
}
