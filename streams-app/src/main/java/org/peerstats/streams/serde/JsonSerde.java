package org.peerstats.streams.serde;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A Kafka serde for any Java record (or other Jackson-mappable type), UTF-8 JSON through
 * {@link Json#mapper()}. A {@code null} payload is a tombstone and maps to {@code null}.
 *
 * <p>A payload that cannot be read throws {@link SerializationException} with Jackson's
 * explanation, which the deserialization exception handler routes to the dead-letter topic.
 */
public final class JsonSerde<T> extends StatelessSerde<T> {

    private final ObjectMapper mapper;
    private final JavaType type;

    private JsonSerde(ObjectMapper mapper, JavaType type) {
        this.mapper = mapper;
        this.type = type;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        ObjectMapper mapper = Json.mapper();
        return new JsonSerde<>(mapper, mapper.constructType(type));
    }

    /** A serde that refuses a document with a property {@code type} does not know ({@link Json#strictMapper()}). */
    public static <T> JsonSerde<T> strictOf(Class<T> type) {
        ObjectMapper mapper = Json.strictMapper();
        return new JsonSerde<>(mapper, mapper.constructType(type));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("cannot write " + type.getRawClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : read(data, 0, data.length);
    }

    /**
     * Reads the one document in {@code data[offset, offset + length)}, e.g. behind a tag byte,
     * without a copy. The JSON text {@code null} is refused: on a compacted topic a deletion is a
     * record without a value (a tombstone), and compaction would keep a {@code null} text for good.
     */
    public T read(byte[] data, int offset, int length) {
        try {
            T value = mapper.readValue(data, offset, length, type);
            if (value == null) {
                throw new SerializationException("not a valid " + type.getRawClass().getSimpleName()
                        + " JSON document: the JSON text null is not a deletion; send a record without a value");
            }
            return value;
        } catch (IOException e) {
            String reason = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
            throw new SerializationException("not a valid " + type.getRawClass().getSimpleName()
                    + " JSON document: " + reason, e);
        }
    }

}
