package org.peerstats.streams.topology;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStateCodec;

/** The {@code mentor-stats-state} store's serde: {@link MentorStateCodec}'s binary form. */
final class MentorStateSerde implements Serde<MentorState>, Serializer<MentorState>, Deserializer<MentorState> {

    static final MentorStateSerde INSTANCE = new MentorStateSerde();

    private MentorStateSerde() {
    }

    @Override
    public byte[] serialize(String topic, MentorState state) {
        return state == null ? null : MentorStateCodec.encode(state);
    }

    @Override
    public MentorState deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return MentorStateCodec.decode(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }

    @Override
    public Serializer<MentorState> serializer() {
        return this;
    }

    @Override
    public Deserializer<MentorState> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}
