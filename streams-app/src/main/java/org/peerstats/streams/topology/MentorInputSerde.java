package org.peerstats.streams.topology;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.peerstats.streams.serde.JsonSerde;
import org.peerstats.streams.serde.StatelessSerde;

/**
 * The serde of {@link MentorInput}: one tag byte naming the variant, then the variant as JSON.
 * Tags are positions in {@link #VARIANTS} and are part of the {@code mentor-inputs} topic's
 * format: append new variants, never reorder.
 */
final class MentorInputSerde extends StatelessSerde<MentorInput> {

    private static final List<Class<? extends MentorInput>> VARIANTS = List.of(
            MentorInput.Activity.class,
            MentorInput.TrainingCompletion.class,
            MentorInput.Profile.class,
            MentorInput.CertificationChange.class,
            MentorInput.Assignment.class,
            MentorInput.BadgeCommandReceived.class,
            MentorInput.DetailCommand.class,
            MentorInput.ActivityMovedAway.class,
            MentorInput.ClockTick.class);

    static final MentorInputSerde INSTANCE = new MentorInputSerde();

    private final List<JsonSerde<? extends MentorInput>> serdes = VARIANTS.stream()
            .<JsonSerde<? extends MentorInput>>map(JsonSerde::of).toList();

    private MentorInputSerde() {
    }

    @Override
    public byte[] serialize(String topic, MentorInput input) {
        if (input == null) {
            return null;
        }
        int tag = VARIANTS.indexOf(input.getClass());
        if (tag < 0) {
            throw new SerializationException(input.getClass().getSimpleName() + " never leaves its task");
        }
        byte[] json = serializeAs(serdes.get(tag), input, topic);
        byte[] bytes = new byte[json.length + 1];
        bytes[0] = (byte) tag;
        System.arraycopy(json, 0, bytes, 1, json.length);
        return bytes;
    }

    @Override
    public MentorInput deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < 2 || data[0] < 0 || data[0] >= VARIANTS.size()) {
            throw new SerializationException("not a mentor input: unknown tag or no payload");
        }
        return serdes.get(data[0]).read(data, 1, data.length - 1);
    }

    @SuppressWarnings("unchecked")
    private static <T extends MentorInput> byte[] serializeAs(JsonSerde<T> serde, MentorInput input, String topic) {
        return serde.serialize(topic, (T) input);
    }
}
