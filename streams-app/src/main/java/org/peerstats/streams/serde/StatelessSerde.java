package org.peerstats.streams.serde;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that is its own serializer and deserializer and has nothing to configure or release:
 * subclasses only say how a value becomes bytes and back.
 */
public abstract class StatelessSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public final void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public final void close() {
        // nothing to release
    }
}
