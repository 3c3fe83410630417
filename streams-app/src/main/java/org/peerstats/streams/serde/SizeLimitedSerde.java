package org.peerstats.streams.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde whose serializer refuses a value larger than {@code maxBytes}
 * ({@link OutputTooLargeException}); deserializing is the wrapped serde's.
 */
public final class SizeLimitedSerde<V> implements Serde<V> {

    /**
     * The largest output value peerstats writes: under the broker's and the producer's defaults
     * (1 MiB for a record batch and a request), with room for the key, headers and batch overhead.
     */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1_000_000;

    private final Serde<V> serde;
    private final int maxBytes;

    private SizeLimitedSerde(Serde<V> serde, int maxBytes) {
        this.serde = serde;
        this.maxBytes = maxBytes;
    }

    public static <V> Serde<V> of(Serde<V> serde, int maxBytes) {
        return new SizeLimitedSerde<>(serde, maxBytes);
    }

    @Override
    public Serializer<V> serializer() {
        Serializer<V> inner = serde.serializer();
        return (topic, value) -> {
            byte[] bytes = inner.serialize(topic, value);
            if (bytes != null && bytes.length > maxBytes) {
                throw new OutputTooLargeException(topic, bytes.length, maxBytes);
            }
            return bytes;
        };
    }

    @Override
    public Deserializer<V> deserializer() {
        return serde.deserializer();
    }
}
