package org.peerstats.streams.lists;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;

/** Adds an {@link IndexedStore} over a compacted topic to a topology, as a global store. */
public final class IndexedGlobalStores {

    private IndexedGlobalStores() {
    }

    /**
     * A global store {@code storeName} on every instance, kept by an {@link IndexingProcessor}
     * from {@code topic} — while the global thread restores too ({@code StreamsBuilder.addGlobalStore}
     * replays a global store's topic through its processor). No changelog: the topic is the log;
     * and not transactional ({@link ReplayedGlobalStore}).
     */
    public static <V> void add(StreamsBuilder builder, Topics.Topic<String, V> topic, String storeName,
                               String sourceName, ListLayout<V> layout) {
        StoreBuilder<KeyValueStore<Bytes, byte[]>> store = Stores
                .keyValueStoreBuilder(ReplayedGlobalStore.supplier(storeName), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled();
        builder.addGlobalStore(store, topic.name(), topic.consumed(sourceName),
                () -> new IndexingProcessor<>(storeName, topic.valueSerde(), layout));
    }
}
