package org.peerstats.streams.lists;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
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
 * tombstone. All of one record's writes are in one commit of the store, so a reader that sees
 * committed data only never sees a record half-indexed.
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
        for (Bytes scope : scopesBefore) {
            if (!(samePlace && scopesAfter.contains(scope))) {
                store.delete(IndexedStore.entryKey(scope.get(), sortBefore));
            }
            if (!scopesAfter.contains(scope)) {
                addToCount(scope, -1);
            }
        }
        byte[] id = record.key().getBytes(StandardCharsets.UTF_8);
        for (Bytes scope : scopesAfter) {
            if (!(samePlace && scopesBefore.contains(scope))) {
                store.put(IndexedStore.entryKey(scope.get(), sortAfter), id);
            }
            if (!scopesBefore.contains(scope)) {
                addToCount(scope, 1);
            }
        }
        if (after == null) {
            store.delete(recordKey);
        } else {
            store.put(recordKey, serde.serializer().serialize(null, after));
        }
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

    private void addToCount(Bytes scope, long delta) {
        Bytes key = IndexedStore.countKey(scope.get());
        long count = IndexedStore.count(store.get(key)) + delta;
        if (count > 0) {
            store.put(key, IndexedStore.count(count));
        } else {
            store.delete(key);
        }
    }
}
