package org.peerstats.streams.lists;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The layout of a store that holds records together with the lists they are in, in three kinds of
 * keys, each after a one-byte tag:
 * <pre>
 * 01 text(id)             → the record (its topic value serde's bytes)
 * 02 scope sort-key       → the record's id (UTF-8): one entry per list the record is in
 * 03 scope                → how many entries the scope has (eight bytes, big-endian)
 * </pre>
 * {@link IndexingProcessor} writes it; the readers here answer a page of a list with one range scan
 * over the scope's entries (from the start of the scope, skipping {@code offset} entries) and one
 * get per record on the page, and a list's exact total with one get — neither reads the records
 * outside the page.
 */
public final class IndexedStore {

    static final int RECORD = 1;
    static final int ENTRY = 2;
    static final int COUNT = 3;

    private IndexedStore() {
    }

    static Bytes recordKey(String id) {
        return Bytes.wrap(OrderedBytes.key().tag(RECORD).text(id).build());
    }

    static Bytes entryKey(byte[] scope, byte[] sortKey) {
        return Bytes.wrap(OrderedBytes.key().tag(ENTRY).bytes(scope).bytes(sortKey).build());
    }

    static Bytes countKey(byte[] scope) {
        return Bytes.wrap(OrderedBytes.key().tag(COUNT).bytes(scope).build());
    }

    static byte[] count(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long count(byte[] stored) {
        return stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
    }

    /** The record with this id, if the store has it. */
    public static <V> Optional<V> get(ReadOnlyKeyValueStore<Bytes, byte[]> store, Deserializer<V> deserializer,
                                      String id) {
        byte[] stored = store.get(recordKey(id));
        return stored == null ? Optional.empty() : Optional.of(deserializer.deserialize(null, stored));
    }

    /** Every record the store holds, in the order of their ids: a full scan, for checks and tests. */
    public static <V> List<V> records(ReadOnlyKeyValueStore<Bytes, byte[]> store, Deserializer<V> deserializer) {
        List<V> records = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.prefixScan(Bytes.wrap(new byte[] {RECORD}),
                Serdes.Bytes().serializer())) {
            all.forEachRemaining(entry -> records.add(deserializer.deserialize(null, entry.value)));
        }
        return records;
    }

    /** How many records the list of {@code scope} has. */
    public static long total(ReadOnlyKeyValueStore<Bytes, byte[]> store, byte[] scope) {
        return count(store.get(countKey(scope)));
    }

    /** The page of {@link #page} and the list's {@link #total}. */
    public static <V> Page<V> list(ReadOnlyKeyValueStore<Bytes, byte[]> store, Deserializer<V> deserializer,
                                   byte[] scope, long offset, int limit) {
        return new Page<>(page(store, deserializer, scope, offset, limit), total(store, scope));
    }

    /**
     * At most {@code limit} records of the list of {@code scope}, in its order, after the first
     * {@code offset}. A record an entry names but the store no longer has (removed, with its
     * entries, between this scan and the get) is left out.
     */
    public static <V> List<V> page(ReadOnlyKeyValueStore<Bytes, byte[]> store, Deserializer<V> deserializer,
                                   byte[] scope, long offset, int limit) {
        List<V> page = new ArrayList<>(Math.min(limit, 128));
        if (limit <= 0) {
            return page;
        }
        Bytes prefix = Bytes.wrap(OrderedBytes.key().tag(ENTRY).bytes(scope).build());
        try (KeyValueIterator<Bytes, byte[]> entries = store.prefixScan(prefix, Serdes.Bytes().serializer())) {
            for (long skipped = 0; skipped < offset && entries.hasNext(); skipped++) {
                entries.next();
            }
            while (page.size() < limit && entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                get(store, deserializer, new String(entry.value, StandardCharsets.UTF_8)).ifPresent(page::add);
            }
        }
        return page;
    }
}
