package org.peerstats.streams.lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps an {@link IndexedStore} from a compacted topic of records keyed by id: the processor of a
 * global store, run for every record the global thread reads, live and while it restores (so an
 * index is rebuilt from the topic whenever the store is). For each record it reads the version
 * the store holds, then moves the record's list entries and counts from the old version's lists
 * to the new one's — only those that changed — and stores the new version, or deletes it for a
 * tombstone. All of one record's writes go to the store as one {@link KeyValueStore#putAll} — one
 * RocksDB write batch in a {@link ReplayedGlobalStore} — so a reader never sees a record
 * half-indexed, and a crash keeps all of a record or none of it. Since every write follows from
 * the record and the version the store holds, replaying records the store already applied (as the
 * global thread does after a crash, from the store's last committed offset) leaves it consistent.
 */
public final class IndexingProcessor<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final Serde<V> serde;
    private final ListLayout<V> layout;
    private KeyValueStore<Bytes, byte[]> store;

    public IndexingProcessor(String storeName, Serde<V> serde, ListLayout<V> layout) {
        this.storeName = storeName;
        this.serde = serde;
        this.layout = layout;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        Bytes recordKey = IndexedStore.recordKey(record.key());
        byte[] stored = store.get(recordKey);
        V before = stored == null ? null : serde.deserializer().deserialize(null, stored);
        V after = record.value();
        Set<Bytes> scopesBefore = scopes(before);
        Set<Bytes> scopesAfter = scopes(after);
        byte[] sortBefore = before == null ? null : sortKey(before, record.key());
        byte[] sortAfter = after == null ? null : sortKey(after, record.key());
        boolean samePlace = sortBefore != null && Arrays.equals(sortBefore, sortAfter);
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>();
        for (Bytes scope : scopesBefore) {
            if (!(samePlace && scopesAfter.contains(scope))) {
                writes.add(KeyValue.pair(IndexedStore.entryKey(scope.get(), sortBefore), null));
            }
            if (!scopesAfter.contains(scope)) {
                writes.add(countChange(scope, -1));
            }
        }
        byte[] id = record.key().getBytes(StandardCharsets.UTF_8);
        for (Bytes scope : scopesAfter) {
            if (!(samePlace && scopesBefore.contains(scope))) {
                writes.add(KeyValue.pair(IndexedStore.entryKey(scope.get(), sortAfter), id));
            }
            if (!scopesBefore.contains(scope)) {
                writes.add(countChange(scope, 1));
            }
        }
        writes.add(KeyValue.pair(recordKey, after == null ? null : serde.serializer().serialize(null, after)));
        store.putAll(writes);
    }

    private byte[] sortKey(V value, String id) {
        return OrderedBytes.key().bytes(layout.sortKey(value)).text(id).build();
    }

    private Set<Bytes> scopes(V value) {
        Set<Bytes> scopes = new LinkedHashSet<>();
        if (value != null) {
            List<byte[]> listed = layout.scopes(value);
            listed.forEach(scope -> scopes.add(Bytes.wrap(scope)));
        }
        return scopes;
    }

    /** The write that changes the count of {@code scope} by {@code delta}: a delete at zero. */
    private KeyValue<Bytes, byte[]> countChange(Bytes scope, long delta) {
        Bytes key = IndexedStore.countKey(scope.get());
        long count = IndexedStore.count(store.get(key)) + delta;
        return KeyValue.pair(key, count > 0 ? IndexedStore.count(count) : null);
    }
}
